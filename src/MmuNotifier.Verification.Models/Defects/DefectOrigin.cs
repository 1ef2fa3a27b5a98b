// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Defects;

/// <summary>Where a catalogued defect comes from.</summary>
public enum DefectOrigin
{
    /// <summary>Code of the 2019 v1 interval-notifier patch (seed 003) that the final version changed.</summary>
    Historical003,

    /// <summary>Code of the 2023 secondary-TLB RFC (seed 001).</summary>
    Historical001,

    /// <summary>A variant proposed in the review thread of seed 003 and rejected there.</summary>
    Review003,

    /// <summary>Made up for the catalogue: one plausible slip at one step of the protocol.</summary>
    Synthetic,

    /// <summary>A notifier user breaking the API's contract (the port is faithful).</summary>
    DriverMisuse,
}
