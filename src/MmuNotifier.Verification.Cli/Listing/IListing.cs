// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Listing;

/// <summary>
/// One thing `list` can show (`list samples`, `list scenarios`, `list defects`). Adding a
/// listing is one class plus one line in <see cref="Listings.All"/>; the verb picks it up.
/// </summary>
internal interface IListing
{
    /// <summary>The word after `list`.</summary>
    string Name { get; }

    string Description { get; }

    void Print(CliContext context);
}
