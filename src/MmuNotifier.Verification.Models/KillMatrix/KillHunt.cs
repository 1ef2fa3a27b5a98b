// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Strategies.Dpor;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Models.KillMatrix;

/// <summary>One exploration of the kill matrix: a target under one strategy and seed, stopped at the first finding.</summary>
public sealed record KillAttempt(KillTarget Target, string Strategy, ulong Seed, ExplorationOptions Options, ExplorationReport Report)
{
    public bool Found => Report.FoundBug;

    /// <summary>Schedules run up to and including the first finding (only when <see cref="Found"/>).</summary>
    public long SchedulesToFinding => Report.Bugs[0].Trace.Iteration + 1;
}

/// <summary>
/// The kill matrix's one loop: a defect on a scenario, under each strategy for seeds 1..N, every
/// exploration stopping at the first run the defect's finding rule accepts. `bench kill`, `corpus`
/// and the tests all go through it. Attempts are made lazily, so a caller may stop at the first
/// that finds.
/// </summary>
public static class KillHunt
{
    public static IEnumerable<KillAttempt> Run(KillTarget target, KillBudget budget) =>
        budget.Strategies.SelectMany(strategy => Run(target, strategy, budget));

    public static IEnumerable<KillAttempt> Run(KillTarget target, string strategy, KillBudget budget) =>
        Seeds(target, strategy, budget, options => options);

    /// <summary>
    /// The hunt of one detector column: the same strategy and seeds, with only
    /// <paramref name="source"/>'s detector switched on (the engine's own checks cannot be switched
    /// off), and a run counts only when the bugs <paramref name="source"/> reported in it satisfy
    /// the defect's rule. A run another source stopped first is clean to this hunt, which goes on.
    /// </summary>
    public static IEnumerable<KillAttempt> Run(KillTarget target, string strategy, FindingSource source, KillBudget budget) =>
        Seeds(target, strategy, budget, options => options with
        {
            Detectors = source.Detector,
            FindingFilter = bugs => target.IsFinding(bugs.Where(source.Reported).ToList()),
        });

    private static IEnumerable<KillAttempt> Seeds(KillTarget target, string strategy, KillBudget budget, Func<ExplorationOptions, ExplorationOptions> adjust)
    {
        for (var seed = 1UL; seed <= (ulong)budget.Seeds; seed++)
        {
            var options = adjust(Options(target, strategy, seed, budget));
            yield return new KillAttempt(target, strategy, seed, options, Explorer.Explore(target.CreateProgram(), options));
        }
    }

    /// <summary>The exploration options of one attempt (the corpus shortens a finding with the same ones).</summary>
    public static ExplorationOptions Options(KillTarget target, string strategy, ulong seed, KillBudget budget)
    {
        var options = new ExplorationOptions
        {
            Strategy = strategy,
            Seed = seed,
            Iterations = budget.MaxSchedules,
            TimeBudget = budget.MaxTime,
            // dpor runs unbounded, as `verify` does: for it a bound is an option, not the strategy.
            PreemptionBound = StrategyRegistry.Find(strategy).TakesPreemptionBound && strategy != DporStrategy.Descriptor.Name
                ? budget.PreemptionBound : null,
            FindingFilter = target.IsFinding,
            RecordCoverage = budget.RecordCoverage,
        };
        return budget.MaxSteps is { } steps ? options with { MaxSteps = steps } : options;
    }
}
