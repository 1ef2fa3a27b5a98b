// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Cli.Listing;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>`list &lt;what&gt;`: one subcommand per <see cref="IListing"/>; bare `list` names them.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List what can be explored");
        foreach (var listing in Listings.All)
        {
            var sub = new Command(listing.Name, listing.Description);
            sub.SetAction(_ =>
            {
                listing.Print(context);
                return ExitCodes.Ok;
            });
            command.Subcommands.Add(sub);
        }

        command.SetAction(_ =>
        {
            foreach (var listing in Listings.All)
                context.Out.WriteLine($"  {CliApp.Name} list {listing.Name,-12} {listing.Description}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
