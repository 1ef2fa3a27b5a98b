// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Programs;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Listing;

/// <summary>`list scenarios`: the scenario files of models/ that `test` explores.</summary>
internal sealed class ScenarioListing : IListing
{
    public string Name => "scenarios";

    public string Description => "The scenarios in models/ (explored by 'test')";

    public void Print(CliContext context)
    {
        // An installed tool has no checkout: without models/ above the working directory (or
        // $MMU_VERIFY_MODELS) there is nothing to list, which is a usage error (exit 2).
        var catalog = ScenarioTargets.RequireCatalog();
        var table = TableWriter.New(context);
        table.AddColumn("scenario");
        table.AddColumn("threads");
        table.AddColumn("expect");
        table.AddColumn("file");
        table.AddColumn("description");
        // The file name and description are the file's: control characters in them are shown escaped, one row each.
        foreach (var s in catalog.All)
        {
            table.AddRow(new Text(s.Name), new Text(s.Threads.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(s.Expect is null ? "no bug" : s.Expect.Kind), new Text(ErrorText.Visible(Path.GetFileName(s.Path ?? ""))), new Text(ErrorText.Visible(s.Description)));
        }

        TableWriter.Write(context, table);
    }
}
