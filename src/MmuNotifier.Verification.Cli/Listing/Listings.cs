// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Listing;

/// <summary>Every listing `list` knows, in the order `list` shows them.</summary>
internal static class Listings
{
    public static readonly IReadOnlyList<IListing> All =
    [
        new SampleListing(),
        new ScenarioListing(),
        new DefectListing(),
    ];
}
