// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Defects;

/// <summary>Where a catalogued defect comes from, product-wide (the port's own origins fold into the first three).</summary>
public enum CatalogueOrigin
{
    /// <summary>Code of a historical version of the notifier (seeds 003 and 001).</summary>
    HistoricalSeed,

    /// <summary>A variant proposed in review and rejected there.</summary>
    Review,

    /// <summary>Made up for the catalogue: one plausible slip at one step of the protocol.</summary>
    Synthetic,

    /// <summary>A notifier user breaking the API's contract (the port is faithful).</summary>
    DriverMisuse,
}
