// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Dpor;

/// <summary>On programs whose trace count is known, optimal DPOR explores exactly that many executions.</summary>
public sealed class KnownCountTests
{
    public static TheoryData<string> Known => new(SampleCatalog.KnownCounts.Keys);

    [Theory]
    [MemberData(nameof(Known))]
    public void DporExploresExactlyTheKnownNumberOfTraces(string name)
    {
        var report = Explore.Body(SampleCatalog.Find(name)!.Body, strategy: "dpor", iterations: 100_000);

        Assert.True(report.Exhausted);
        Assert.Empty(report.Bugs);
        Assert.Equal(SampleCatalog.KnownCounts[name], report.Iterations);  // and so none blocked: explored/needed = 1.00
    }
}

/// <summary>indexer(N) around the sample's 13 threads: collisions start at 12 (docs/benchmarks.md derives 8^(N-11)).</summary>
public sealed class IndexerCountTests
{
    [Theory]
    [InlineData(11, 1)]
    [InlineData(12, 8)]
    public void IndexerHasEightToThePowerOfItsCollidingPairsTraces(int threads, long traces)
    {
        var report = Explore.Body(KnownTraceCounts.Indexer(threads), strategy: "dpor", iterations: 10_000);

        Assert.True(report.Exhausted);
        Assert.Empty(report.Bugs);
        Assert.Equal(traces, report.Iterations);
    }
}

/// <summary>What the dependence knows of the kernel primitives, seen through execution counts.</summary>
public sealed class DporDependenceTests
{
    private static ExplorationReport Dpor(Func<IRuntime, Task> body) =>
        Explore.Body(body, strategy: "dpor", iterations: 10_000);

    [Fact]
    public void TwoCriticalSectionsOnOneLockAreTwoExecutions()
    {
        var report = Verifier.Verify(SampleCatalog.Find("lost-update-fixed")!.ToProgram(), new ExplorationOptions { Iterations = 1000 });
        Assert.True(report.Complete);
        Assert.Equal(2, report.Executions);
    }

    [Fact]
    public void ReadersOfAnRwSemaphoreDoNotRace()
    {
        var report = Dpor(async rt =>
        {
            var sem = rt.NewRwSemaphore("sem");
            async Task Reader()
            {
                await sem.DownRead();
                await sem.UpRead();
            }

            var a = rt.Spawn("r0", Reader);
            var b = rt.Spawn("r1", Reader);
            await a.Join();
            await b.Join();
        });
        Assert.True(report.Exhausted);
        Assert.Equal(1, report.Iterations);
    }

    [Fact]
    public void AChoiceIsItsOwnBranchingNotARace()
    {
        var report = Dpor(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var a = rt.Spawn("chooser", async () => await rt.Choose("fault", 3));
            var b = rt.Spawn("writer", () => x.WriteOnce(1).AsTask());
            await a.Join();
            await b.Join();
        });
        Assert.True(report.Exhausted);
        Assert.Equal(3, report.Iterations);
    }

    [Theory]
    [InlineData("lost-update")]
    [InlineData("ab-ba-deadlock")]
    [InlineData("lost-wakeup")]
    [InlineData("srcu-free-before-sync")]
    [InlineData("srcu-free-before-unlink")]
    [InlineData("sleep-under-spinlock")]
    public void BrokenSamplesAreFound(string name) => Assert.True(Dpor(SampleCatalog.Find(name)!.Body).FoundBug);

    [Theory]
    [InlineData("lost-update-fixed")]
    [InlineData("ab-ba-fixed")]
    [InlineData("lost-wakeup-fixed")]
    [InlineData("srcu-sync-fixed")]
    [InlineData("srcu-call-fixed")]
    [InlineData("sleep-under-spinlock-fixed")]
    public void FixedTwinsAreExhaustedClean(string name)
    {
        var report = Dpor(SampleCatalog.Find(name)!.Body);
        Assert.True(report.Exhausted);
        Assert.False(report.FoundBug);
    }
}
