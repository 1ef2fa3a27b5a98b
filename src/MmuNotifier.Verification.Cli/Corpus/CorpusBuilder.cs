// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.KillMatrix;

namespace MmuNotifier.Verification.Cli.Corpus;

/// <summary>
/// Finds, for a defect that must be found, the shortest failing schedule over its kill-matrix
/// targets (its scenarios), strategies and seeds 1..N: each first finding of <see cref="KillHunt"/>
/// is shortened, and the best kept.
/// </summary>
internal static class CorpusBuilder
{
    public static CorpusEntry Build(string defect, IReadOnlyList<KillTarget> targets, CorpusOptions options)
    {
        CorpusEntry best = new(defect, null, null, 0, null, 0);
        var tries = 0;
        foreach (var target in targets)
        {
            foreach (var attempt in KillHunt.Run(target, options.Budget))
            {
                tries++;
                if (!attempt.Found) continue;
                var shortest = Shortening.Shorten(target.CreateProgram(), attempt.Report.Bugs[0], attempt.Options, options.Shorten);
                if (best.Report is null || IsShorter(shortest, best.Report))
                    best = new CorpusEntry(defect, target.Program, attempt.Strategy, attempt.Seed, shortest, 0);
            }
        }

        return best with { Tries = tries };
    }

    /// <summary>Fewer steps to the bug; on a tie, fewer decisions (fewer choices made).</summary>
    private static bool IsShorter(BugReport candidate, BugReport best) =>
        candidate.Bug.Step < best.Bug.Step ||
        (candidate.Bug.Step == best.Bug.Step && candidate.Trace.Decisions.Count < best.Trace.Decisions.Count);
}
