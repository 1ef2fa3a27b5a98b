// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Cli.Corpus;

/// <summary>
/// Finds, for every defect that must be found, the shortest failing schedule over its scenarios,
/// the strategies and seeds 1..N: explore until the first finding, shorten it, keep the best.
/// </summary>
internal static class CorpusBuilder
{
    public static CorpusEntry Build(Defect defect, ScenarioCatalog catalog, CorpusOptions options)
    {
        CorpusEntry best = new(defect.Name, null, null, 0, null, 0);
        var tries = 0;
        foreach (var scenario in defect.Scenarios.Select(catalog.Find).OfType<Scenario>())
        {
            var target = ScenarioTargets.From(scenario, [defect]);
            foreach (var strategy in options.Strategies)
            {
                for (var seed = 1UL; seed <= (ulong)options.Seeds; seed++)
                {
                    tries++;
                    var explore = new ExplorationOptions
                    {
                        Strategy = strategy,
                        Seed = seed,
                        Iterations = options.MaxSchedules,
                        PreemptionBound = strategy == "dfs" ? options.PreemptionBound : null,
                        FindingFilter = defect.FindingFilter,
                    };
                    var report = Explorer.Explore(target.CreateProgram(), explore);
                    if (!report.FoundBug) continue;
                    var shortest = Shortening.Shorten(target.CreateProgram(), report.Bugs[0], explore, options.Shorten);
                    if (best.Report is null || IsShorter(shortest, best.Report))
                        best = new CorpusEntry(defect.Name, scenario.Name, strategy, seed, shortest, 0);
                }
            }
        }

        return best with { Tries = tries };
    }

    /// <summary>Fewer steps to the bug; on a tie, fewer decisions (fewer choices made).</summary>
    private static bool IsShorter(BugReport candidate, BugReport best) =>
        candidate.Bug.Step < best.Bug.Step ||
        (candidate.Bug.Step == best.Bug.Step && candidate.Trace.Decisions.Count < best.Trace.Decisions.Count);
}
