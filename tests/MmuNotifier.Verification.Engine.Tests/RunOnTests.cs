// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>
/// Run-on (a thread carries on through its scheduling point when the strategy picks it again,
/// and resumes the thread it picks otherwise on top of its own stack) is a shortcut of the loop,
/// not a different search: with it, without the nesting and without it at all, every sample
/// under every strategy makes the same decisions, takes the same steps and reports the same bugs.
/// </summary>
public sealed class RunOnTests
{
    /// <summary>
    /// A monitor that fails on a state one step leaves and the next repairs: found only if the
    /// invariants run at the end of every step, also of a step the thread ran on from.
    /// </summary>
    private static async Task TransientState(IRuntime rt)
    {
        var x = rt.NewCell("x", 0);
        var y = rt.NewCell("y", 0);
        rt.AddMonitor("x is never 2", () => x.Peek() == 2 ? "x is 2" : null);
        var other = rt.Spawn("other", async () =>
        {
            await y.WriteOnce(1);
            await y.WriteOnce(2);
        });
        await x.WriteOnce(1);
        if (await y.ReadOnce() == 2) await x.WriteOnce(2);
        await x.WriteOnce(0);
        await other.Join();
    }

    /// <summary>More threads than run-on nests on one OS stack, each handing a counter on: the nesting bound is reached.</summary>
    private static async Task ManyThreads(IRuntime rt)
    {
        var counter = rt.NewCell("counter", 0);
        var threads = Enumerable.Range(0, 12).Select(i => rt.Spawn($"t{i}", async () =>
        {
            for (var round = 0; round < 3; round++) await counter.WriteOnce(await counter.ReadOnce() + 1);
        })).ToList();
        foreach (var thread in threads) await thread.Join();
        rt.Assert(await counter.ReadOnce() == 36, "a lost update");
    }

    private static IEnumerable<SwitchedRuns.Program> Programs() =>
        SwitchedRuns.Samples()
            .Append(new SwitchedRuns.Program("transient-state", TransientState))
            .Append(new SwitchedRuns.Program("many-threads", ManyThreads));

    public static TheoryData<string> Strategies() => SwitchedRuns.Strategies();

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Running_on_makes_the_schedules_the_loop_makes(string strategy)
    {
        long nested = 0;
        var deepest = 0;
        var monitorFired = false;
        // The plain loop is the reference; then run-on with nesting, and run-on without it.
        var comparison = SwitchedRuns.Compare(strategy, Programs(),
            [runtime => runtime.RunsOn = false, _ => { }, runtime => runtime.NestsRuns = false],
            runtimes =>
            {
                nested += runtimes[1].NestedSegments;
                deepest = Math.Max(deepest, runtimes[1].DeepestNesting);
                Assert.Equal(0, runtimes[2].NestedSegments);
                monitorFired |= runtimes[0].Bugs.Any(b => b.Kind == BugKind.InvariantViolation && b.Message.Contains("x is 2"));
            });

        // The comparison means something only if schedules ran and some of them failed.
        Assert.True(comparison.Compared > SampleCatalog.All.Count, $"only {comparison.Compared} schedules compared");
        Assert.True(comparison.WithBugs > 0, "no schedule reported a bug");
        Assert.True(monitorFired || strategy is "dfs" or "dpor", "the transient state was never caught");
        // ... and only if the nesting happened, within its bound, wherever running on is allowed (not under a reducing strategy).
        Assert.InRange(deepest, 0, ControlledRuntime.MaxNesting);
        if (!ControlledRuntime.For(new ExplorationOptions { Strategy = strategy }).RunsOnUnder(StrategyRegistry.Find(strategy).Create(new StrategySettings(Seed: 5))))
            return;
        Assert.True(nested > 0, "no thread was resumed inside another's scheduling point");
    }

    /// <summary>Twelve threads picked at random: the nesting reaches its bound and stays there, and the run is the loop's.</summary>
    [Fact]
    public void Nesting_stops_at_its_bound()
    {
        var options = new ExplorationOptions();
        var runtime = ControlledRuntime.For(options);
        var loop = ControlledRuntime.For(options);
        loop.RunsOn = false;
        var deepest = 0;
        for (var seed = 1UL; seed <= 20; seed++)
        {
            runtime.Run(ManyThreads, SwitchedRuns.Started(new RandomStrategy(seed)), options.MaxSteps);
            loop.Run(ManyThreads, SwitchedRuns.Started(new RandomStrategy(seed)), options.MaxSteps);
            Assert.Equal(RunOutcome.Of(loop), RunOutcome.Of(runtime));
            deepest = Math.Max(deepest, runtime.DeepestNesting);
        }

        Assert.Equal(ControlledRuntime.MaxNesting, deepest);
    }

    /// <summary>
    /// One thread only, so the strategy always picks it again and its second write is carried out
    /// before it is awaited; left unawaited, that is a harness error whether a new access follows
    /// or the thread ends.
    /// </summary>
    [Theory]
    [InlineData(true, "was not yet awaited")]
    [InlineData(false, "did not await it")]
    public void An_access_carried_out_early_but_never_awaited_is_a_harness_error(bool anotherAccessFollows, string message)
    {
        var report = Explore.Body(async rt =>
        {
            var cell = rt.NewCell("x", 0);
            await cell.WriteOnce(1);
            _ = cell.WriteOnce(2);
            if (anotherAccessFollows) await cell.WriteOnce(3);
        });

        Assert.True(report.FoundBug);
        Assert.Equal(BugKind.HarnessError, report.Bugs[0].Bug.Kind);
        Assert.Contains(message, report.Bugs[0].Bug.Message);
    }
}
