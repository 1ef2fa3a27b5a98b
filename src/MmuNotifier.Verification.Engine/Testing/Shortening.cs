// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// Looks for a shorter schedule that shows the same bug (same kind and invariant) as one already
/// found: rounds of random exploration, each accepting only runs that fail earlier than the best
/// so far, then preemption-bounded DFS, which favours schedules with few context switches. A
/// person reads the result, so fewer steps is worth a second or so of exploration.
/// </summary>
public static class Shortening
{
    /// <summary>
    /// The shortest run found within <paramref name="budget"/> schedules; <paramref name="found"/>
    /// if none is shorter. A <see cref="ExplorationOptions.TimeBudget"/> in <paramref name="options"/>
    /// bounds the whole search as well (what is left of the caller's wall-clock budget): the best
    /// run found when it runs out is returned.
    /// </summary>
    public static BugReport Shorten(TestProgram program, BugReport found, ExplorationOptions options, long budget)
    {
        if (budget <= 0 || found.Bug.Step <= 1) return found;
        var clock = Stopwatch.StartNew();
        TimeSpan? Left() => options.TimeBudget - clock.Elapsed;
        bool HasTime() => Left() is not { } left || left > TimeSpan.Zero;
        var best = found;
        var perRound = Math.Max(1, budget / 8);
        var spent = 0L;
        for (var round = 0; spent < budget && round < 6 && HasTime(); round++)
        {
            var shorter = Search(program, best, options with { Strategy = RandomStrategy.Descriptor.Name, Seed = options.Seed + 1000 + (ulong)round }, perRound, Left());
            spent += perRound;
            if (shorter is null) continue;
            best = shorter;
        }

        for (var bound = 0; bound <= 2 && spent < budget && HasTime(); bound++)
        {
            var shorter = Search(program, best, options with { Strategy = DfsStrategy.Descriptor.Name, PreemptionBound = bound, Seed = 0 }, perRound, Left());
            spent += perRound;
            if (shorter is not null) best = shorter;
        }

        return best;
    }

    private static BugReport? Search(TestProgram program, BugReport best, ExplorationOptions options, long schedules, TimeSpan? time)
    {
        var target = best.Bug;
        var previous = options.FindingFilter;
        var report = Explorer.Explore(program, options with
        {
            Iterations = schedules,
            StopAtFirstBug = true,
            Workers = 1,
            CheckDeterminism = false,
            Progress = null,
            TimeBudget = time,
            FindingFilter = bugs => (previous is null || previous(bugs)) && SameBugEarlier(bugs, target),
        });
        return report.FoundBug ? report.Bugs[0] : null;
    }

    private static bool SameBugEarlier(IReadOnlyList<Bug> bugs, Bug target)
    {
        var primary = RunOutcome.Primary(bugs);
        return primary.Kind == target.Kind && primary.Invariant == target.Invariant && primary.Step < target.Step;
    }
}
