// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>After a finding, a shorter schedule showing the same bug is looked for and replays to it.</summary>
public sealed class ShorteningTests
{
    /// <summary>
    /// The reader fails when it sees the fourth write; the noise thread's steps can pad the
    /// schedule before that, so the shortest failing run (4 writes, 1 read) is 5 steps.
    /// </summary>
    private static Task PaddedRace(IRuntime rt)
    {
        var x = rt.NewCell("x", -1);
        var noise = rt.NewCell("noise", 0);
        rt.Spawn("writer", async () =>
        {
            for (var i = 0; i < 10; i++) await x.WriteOnce(i);
        });
        rt.Spawn("reader", async () => rt.Assert(await x.ReadOnce() != 3, "reader saw the fourth write"));
        rt.Spawn("noise", async () =>
        {
            for (var i = 0; i < 10; i++) await noise.WriteOnce(i);
        });
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void FindsTheShortestFailingScheduleAndItReplays(ulong seed)
    {
        var program = TestProgram.Sample("padded-race", PaddedRace);
        var options = new ExplorationOptions { Strategy = "random", Seed = seed, Iterations = 5000 };
        var found = Explorer.Explore(program, options).Bugs[0];

        var shortest = Shortening.Shorten(program, found, options, budget: 2000);

        Assert.Equal(5, shortest.Bug.Step);
        Assert.True(shortest.Bug.Step <= found.Bug.Step);
        Assert.Equal(found.Bug.Kind, shortest.Bug.Kind);
        var replay = Explorer.Replay(program, shortest.Trace);
        Assert.Equal(BugKind.Assertion, replay.FirstBug!.Kind);
        Assert.Equal(5, replay.FirstBug.Step);
    }

    [Fact]
    public void ZeroBudgetKeepsTheFinding()
    {
        var program = TestProgram.Sample("padded-race", PaddedRace);
        var options = new ExplorationOptions { Seed = 1, Iterations = 5000 };
        var found = Explorer.Explore(program, options).Bugs[0];

        Assert.Same(found, Shortening.Shorten(program, found, options, budget: 0));
    }

    [Fact]
    public void A_spent_time_budget_keeps_the_finding()
    {
        var program = TestProgram.Sample("padded-race", PaddedRace);
        var options = new ExplorationOptions { Seed = 1, Iterations = 5000 };
        var found = Explorer.Explore(program, options).Bugs[0];
        Assert.True(found.Bug.Step > 5, "the first finding must leave room to shorten");

        // What the caller's --timeout left is nothing: the schedule budget alone would search on.
        Assert.Same(found, Shortening.Shorten(program, found, options with { TimeBudget = TimeSpan.Zero }, budget: 2000));
        Assert.Same(found, Shortening.Shorten(program, found, options with { TimeBudget = TimeSpan.FromSeconds(-1) }, budget: 2000));
    }
}
