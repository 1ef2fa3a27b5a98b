// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel.Defects;

namespace MmuNotifier.Verification.Models.Defects;

/// <summary>
/// One defect of the product's catalogue: a port defect or a driver misuse, the scenarios of
/// models/ on which it shows, and what counts as finding it.
/// </summary>
/// <param name="Name">The kebab-case name used by --defect, KernelConfig and traces.</param>
/// <param name="Origin">Historical seed, review, synthetic or driver misuse.</param>
/// <param name="Source">Finer origin, e.g. "seed 003" or "HmmMirror".</param>
/// <param name="Description">One line: what the variant does differently.</param>
/// <param name="Expected">What exploration should report; null when the verdict is that it is no bug.</param>
/// <param name="Function">The kernel function or driver method holding the marked place.</param>
/// <param name="File">The C# file holding that function, relative to src/.</param>
/// <param name="Scenarios">Names of scenarios in models/ on which the defect shows.</param>
/// <param name="Rule">Which runs count as finding it.</param>
public sealed record CatalogueEntry(
    string Name,
    CatalogueOrigin Origin,
    string Source,
    string Description,
    ExpectedFinding? Expected,
    string Function,
    string File,
    IReadOnlyList<string> Scenarios,
    FindingRule Rule = FindingRule.AnyBug)
{
    /// <summary>False for a defect whose verdict is "not a bug": runnable, never required to be found.</summary>
    public bool MustBeFound => Expected is not null;

    /// <summary>The engine's FindingFilter for this defect.</summary>
    public Func<IReadOnlyList<Bug>, bool> FindingFilter => FindingFilters.For(Rule);

    public string ExpectedText => Expected is null ? "none (not a bug under SC)"
        : Rule == FindingRule.CoreStateInvariant ? $"{Expected}; only core-state invariants count" : Expected.ToString();

    public string OriginText => Origin switch
    {
        CatalogueOrigin.HistoricalSeed => $"historical ({Source})",
        CatalogueOrigin.Review => $"review ({Source})",
        CatalogueOrigin.Synthetic => "synthetic",
        _ => $"driver misuse ({Source})",
    };

    public override string ToString() => Name;
}
