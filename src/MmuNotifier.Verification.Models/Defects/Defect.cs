// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Models.Defects;

/// <summary>
/// One defect of the product's catalogue: a port defect or a driver misuse, where it lives, the
/// scenarios of models/ on which it shows, and what counts as finding it.
/// </summary>
/// <param name="Name">The kebab-case name used by --defect, KernelConfig and traces.</param>
/// <param name="Origin">Historical seed, review, synthetic or driver misuse.</param>
/// <param name="Description">One line: what the variant does differently.</param>
/// <param name="Expected">What exploration should report; null when the verdict is that it is no bug.</param>
/// <param name="Location">
/// Where the variant lives: for a port defect the kernel function (its C name, as tagged with
/// [KernelFunction]) whose port tests the defect's PortVariant field; for a driver misuse the
/// driver method, as "Type.Method" (the constructor is "Type.Type").
/// </param>
/// <param name="Scenarios">Names of scenarios in models/ on which the defect shows (the tests use the first one first).</param>
/// <param name="Rule">Which runs count as finding it.</param>
public sealed record Defect(
    string Name,
    DefectOrigin Origin,
    string Description,
    ExpectedFinding? Expected,
    string Location,
    IReadOnlyList<string> Scenarios,
    FindingRule Rule = FindingRule.AnyBug)
{
    /// <summary>True for a defect of the port (switched on in the kernel), false for a driver misuse.</summary>
    public bool InPort => Origin != DefectOrigin.DriverMisuse;

    /// <summary>False for a defect whose verdict is "not a bug": runnable, never required to be found.</summary>
    public bool MustBeFound => Expected is not null;

    /// <summary>The engine's FindingFilter for this defect.</summary>
    public Func<IReadOnlyList<Bug>, bool> FindingFilter => FindingFilters.For(Rule);

    public string ExpectedText => Expected is null ? "none (not a bug under SC)"
        : Rule == FindingRule.CoreStateInvariant ? $"{Expected}; only core-state invariants count" : Expected.ToString();

    public string OriginText => Origin switch
    {
        DefectOrigin.Historical003 => "historical (seed 003)",
        DefectOrigin.Historical001 => "historical (seed 001)",
        DefectOrigin.Review003 => "review (seed 003)",
        DefectOrigin.Synthetic => "synthetic",
        _ => $"driver misuse ({Location.Split('.')[0]})",
    };

    public override string ToString() => Name;
}
