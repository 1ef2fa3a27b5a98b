// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Dpor;

/// <summary>
/// The split DPOR search (<see cref="DporSearch"/>): the same executions, in the same order, for
/// any number of workers, and the same trace counts as the unsplit search.
/// </summary>
public sealed class ParallelDporTests
{
    public static TheoryData<string, int> KnownByWorkers()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in SampleCatalog.KnownCounts.Keys)
            foreach (var workers in new[] { 1, 2, 3 })
                data.Add(name, workers);
        return data;
    }

    /// <summary>Every sample with a bug, and its fixed twin, the split and the whole search compare on.</summary>
    public static TheoryData<string> Samples => new(SampleCatalog.All.Where(s => !s.Name.StartsWith("mp-", StringComparison.Ordinal) && !s.Name.StartsWith("sb-", StringComparison.Ordinal)).Select(s => s.Name).Take(30));

    [Theory]
    [MemberData(nameof(KnownByWorkers))]
    public void KnownCountsHoldOnAnyNumberOfWorkers(string name, int workers)
    {
        var report = Verifier.Verify(SampleCatalog.Find(name)!.ToProgram(), new ExplorationOptions { Iterations = 100_000, Workers = workers });

        Assert.True(report.Complete);
        Assert.False(report.FoundBug);
        Assert.Equal(0, report.Blocked);
        Assert.Equal(SampleCatalog.KnownCounts[name], report.Executions);
    }

    [Theory]
    [InlineData(11, 1)]
    [InlineData(12, 8)]
    public void IndexerCountsHoldOnThreeWorkers(int threads, long traces)
    {
        var report = Verifier.Verify(TestProgram.Sample("indexer", KnownTraceCounts.Indexer(threads)), new ExplorationOptions { Iterations = 10_000, Workers = 3 });

        Assert.True(report.Complete);
        Assert.Equal(traces, report.Executions);
    }

    [Theory]
    [InlineData("readers-8")]
    [InlineData("indexer-13")]
    [InlineData("lost-update-fixed")]
    [InlineData("ab-ba-fixed")]
    [InlineData("srcu-sync-fixed")]
    public void TheExecutionsAndTheirOrderAreTheSameForAnyWorkerCount(string name)
    {
        var one = Runs(name, workers: 1, splitDepth: DporSearch.SplitDepth);

        Assert.Equal(one, Runs(name, workers: 2, splitDepth: DporSearch.SplitDepth));
        Assert.Equal(one, Runs(name, workers: 3, splitDepth: DporSearch.SplitDepth));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void SplittingFindsWhatTheWholeSearchFinds(string name)
    {
        var whole = Search(name, workers: 1, splitDepth: 0);
        foreach (var depth in new[] { 1, 3, DporSearch.SplitDepth })
        {
            var split = Search(name, workers: 2, splitDepth: depth);
            Assert.Equal(whole.Exhausted, split.Exhausted);
            Assert.Equal(whole.Logs.Any(l => l.Findings.Count > 0), split.Logs.Any(l => l.Findings.Count > 0));
            // Optimal DPOR explores each trace once whatever the order: without a bug the counts agree.
            if (whole.Logs.All(l => l.Findings.Count == 0))
                Assert.Equal(Executions(whole), Executions(split));
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void WithoutBlockedRunsTheSplitSearchRunsTheSequentialExecutionsInOrder(string name)
    {
        var whole = Search(name, workers: 1, splitDepth: 0);
        foreach (var depth in new[] { 1, 3, DporSearch.SplitDepth })
        {
            var split = Search(name, workers: 3, splitDepth: depth);
            if (whole.Blocked == 0 && split.Blocked == 0)
                Assert.Equal(whole.Logs.SelectMany(l => l.Runs).Select(r => r.Hash), split.Logs.SelectMany(l => l.Runs).Select(r => r.Hash));
        }
    }

    [Theory]
    [InlineData("lost-update")]
    [InlineData("ab-ba-deadlock")]
    [InlineData("srcu-free-before-sync")]
    [InlineData("lost-wakeup")]
    public void TheFirstBugIsTheSameForAnyWorkerCount(string name)
    {
        var program = SampleCatalog.Find(name)!.ToProgram();
        var reports = new[] { 1, 2, 3 }.Select(w => Verifier.Verify(program, new ExplorationOptions { Iterations = 10_000, Workers = w })).ToList();

        Assert.All(reports, r => Assert.True(r.FoundBug));
        foreach (var report in reports.Skip(1))
        {
            Assert.Equal(reports[0].Exploration.Iterations, report.Exploration.Iterations);
            Assert.Equal(reports[0].Exploration.Bugs[0].Trace.Iteration, report.Exploration.Bugs[0].Trace.Iteration);
            Assert.Equal(reports[0].Exploration.Bugs[0].Trace.Decisions, report.Exploration.Bugs[0].Trace.Decisions);
            Assert.Equal(reports[0].Exploration.Bugs[0].Bug.ToString(), report.Exploration.Bugs[0].Bug.ToString());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void ABudgetCutsTheSameExecutionsOnAnyWorkerCount(long budget)
    {
        var program = SampleCatalog.Find("readers-8")!.ToProgram();
        var reports = new[] { 1, 2, 3 }.Select(w => Verifier.Verify(program, new ExplorationOptions { Iterations = budget, Workers = w })).ToList();
        var runs = new[] { 1, 2, 3 }.Select(w => Runs("readers-8", w, DporSearch.SplitDepth, budget)).ToList();

        Assert.All(reports, r => Assert.False(r.Complete));
        Assert.All(reports, r => Assert.Equal(budget, r.Exploration.Iterations));
        Assert.All(reports, r => Assert.Equal(reports[0].PendingBranches, r.PendingBranches));
        Assert.True(reports[0].PendingBranches > 0);
        Assert.All(runs, r => Assert.Equal(runs[0], r));
        // The cut search is the first executions of the whole one.
        Assert.Equal(Runs("readers-8", 1, DporSearch.SplitDepth).Take((int)budget), runs[0]);
    }

    [Fact]
    public void AllTheBudgetIsNeededForCompleteness()
    {
        var program = SampleCatalog.Find("readers-8")!.ToProgram();

        Assert.True(Verifier.Verify(program, new ExplorationOptions { Iterations = 256, Workers = 2 }).Complete);
        Assert.False(Verifier.Verify(program, new ExplorationOptions { Iterations = 255, Workers = 2 }).Complete);
    }

    private static DporSearchResult Search(string name, int workers, int splitDepth, long budget = 100_000)
    {
        var options = new ExplorationOptions { Iterations = budget, Workers = workers, StopAtFirstBug = true };
        return DporSearch.Run(SampleCatalog.Find(name)!.ToProgram(), options, new ExplorationShared(options), splitDepth);
    }

    private static List<(long Number, int Steps, ulong Hash)> Runs(string name, int workers, int splitDepth, long budget = 100_000) =>
        Search(name, workers, splitDepth, budget).Logs.SelectMany(l => l.Runs).ToList();

    private static long Executions(DporSearchResult search) => search.Logs.Sum(l => (long)l.Runs.Count) - search.Blocked;
}
