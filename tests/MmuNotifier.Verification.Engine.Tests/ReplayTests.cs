// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Samples;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>Every bug found replays to the same bug; a trace that no longer fits the model diverges.</summary>
public sealed class ReplayTests
{
    public static TheoryData<string, string> BuggySamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var sample in SampleCatalog.All.Where(s => s.HasBug).Except(Samples.Benchmarks.BenchmarkCatalog.All))  // benchmarks: BenchmarkProgramTests
            foreach (var strategy in new[] { "random", "pct", "dfs" })
                data.Add(sample.Name, strategy);
        return data;
    }

    [Theory]
    [MemberData(nameof(BuggySamples))]
    public void FoundBugReplaysToTheSameBug(string sample, string strategy)
    {
        var program = SampleCatalog.Find(sample)!.ToProgram();
        var found = Explore.Body(program.Body, strategy, iterations: 200).Bugs[0];

        var replay = Explorer.Replay(program, found.Trace);

        Assert.Equal(found.Bug, replay.FirstBug);
        Assert.Equal(found.Steps, replay.Steps, StepRecordComparer.Instance);
    }

    [Fact]
    public void ThreadThatIsNotEnabledDiverges()
    {
        var (program, trace) = LostUpdateTrace();
        var decisions = trace.Decisions.ToArray();
        decisions[0] = Decision.Thread(0);   // main is parked at a join, not enabled at step 1

        var replay = Explorer.Replay(program, trace with { Decisions = decisions });

        Assert.Equal(BugKind.ReplayDivergence, replay.FirstBug!.Kind);
        Assert.Contains("step 1", replay.FirstBug.Message);
        Assert.Contains("not enabled", replay.FirstBug.Message);
    }

    [Fact]
    public void TruncatedTraceDiverges()
    {
        var (program, trace) = LostUpdateTrace();

        var replay = Explorer.Replay(program, trace with { Decisions = trace.Decisions.Take(2).ToArray() });

        Assert.Equal(BugKind.ReplayDivergence, replay.FirstBug!.Kind);
        Assert.Contains("past the end of the trace", replay.FirstBug.Message);
    }

    [Fact]
    public void TraceLongerThanTheRunDiverges()
    {
        var program = TestProgram.Sample("two-writes", rt =>
        {
            var x = rt.NewCell("x", 0);
            rt.Spawn("cpu0", async () => await x.WriteOnce(1));
            rt.Spawn("cpu1", async () => await x.WriteOnce(2));
            return Task.CompletedTask;
        });
        var trace = new Trace
        {
            Subject = program.Subject,
            Strategy = "dfs",
            Decisions = [Decision.Thread(1), Decision.Thread(2), Decision.Thread(1)],
        };

        var replay = Explorer.Replay(program, trace);

        Assert.Equal(BugKind.ReplayDivergence, replay.FirstBug!.Kind);
        Assert.Contains("1 decisions of the trace left", replay.FirstBug.Message);
    }

    [Fact]
    public void ChoiceOutOfRangeDiverges()
    {
        var program = TestProgram.Sample("choice", async rt => _ = await rt.Choose("pick", 2));
        var trace = new Trace { Subject = program.Subject, Strategy = "random", Decisions = [Decision.Thread(0), Decision.Choice(5)] };

        var replay = Explorer.Replay(program, trace);

        Assert.Equal(BugKind.ReplayDivergence, replay.FirstBug!.Kind);
        Assert.Contains("out of range", replay.FirstBug.Message);
    }

    [Fact]
    public void ChoiceWhereThreadExpectedDiverges()
    {
        var (program, trace) = LostUpdateTrace();
        var decisions = trace.Decisions.ToArray();
        decisions[1] = Decision.Choice(0);

        var replay = Explorer.Replay(program, trace with { Decisions = decisions });

        Assert.Equal(BugKind.ReplayDivergence, replay.FirstBug!.Kind);
        Assert.Contains("choice", replay.FirstBug.Message);
    }

    private static (TestProgram, Trace) LostUpdateTrace()
    {
        var program = SampleCatalog.Find("lost-update")!.ToProgram();
        return (program, Explore.Body(program.Body, "dfs").Bugs[0].Trace);
    }

    private sealed class StepRecordComparer : IEqualityComparer<StepRecord>
    {
        public static readonly StepRecordComparer Instance = new();

        public bool Equals(StepRecord? x, StepRecord? y) =>
            x is not null && y is not null && x with { Notes = [] } == y with { Notes = [] } && x.Notes.SequenceEqual(y.Notes);

        public int GetHashCode(StepRecord obj) => obj.Step;
    }
}
