// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Coyote.EntryPoints;

/// <summary>
/// What every Coyote test entry point does: one schedule of a scenario of models/ (found as
/// `mmu-verify` finds it: $MMU_VERIFY_MODELS, else walking up from the current directory) on the
/// faithful port or with catalogued defects, judged by the defects' finding rule.
/// </summary>
public static class CoyoteEntry
{
    private static readonly Lazy<ScenarioCatalog> Catalog = new(() =>
        ScenarioCatalog.Load(ScenarioCatalog.FindModelsDirectory()
            ?? throw new DirectoryNotFoundException("no models/ directory above the current one; set MMU_VERIFY_MODELS")));

    public static void Run(string scenario, params string[] defects)
    {
        var program = ScenarioProgram.Build(Catalog.Value.Resolve(scenario), defects);
        CoyoteRuntime.Run(program, FindingRule(defects));
    }

    /// <summary>A defect run counts a bug as its defect's rule does; a faithful run counts every bug.</summary>
    public static Func<IReadOnlyList<Bug>, bool> FindingRule(IReadOnlyList<string> defects)
    {
        var filters = defects.Select(d => DefectCatalogue.Find(d)!.FindingFilter).ToList();
        return filters.Count == 0 ? FindingFilters.AnyBug : bugs => filters.Any(f => f(bugs));
    }
}
