// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Cli.Bench.Kill;

/// <summary>
/// What the kill matrix runs: one target per catalogued defect and scenario of models/ on which
/// it shows, judged by the catalogue's FindingFilter. (The engine's broken samples are the
/// engine's own tests, not defects, and stay out.)
/// </summary>
internal static class KillTargets
{
    public static IReadOnlyList<KillTarget> All()
    {
        var catalog = ScenarioTargets.RequireCatalog();
        var targets = new List<KillTarget>();
        foreach (var entry in DefectCatalogue.All)
        {
            foreach (var scenario in entry.Scenarios.Select(catalog.Find).OfType<Scenario>())
            {
                targets.Add(new KillTarget(entry.Name, scenario.Name, () => ScenarioProgram.Build(scenario, [entry.Name]),
                    entry.FindingFilter, entry.MustBeFound));
            }
        }

        return targets;
    }
}
