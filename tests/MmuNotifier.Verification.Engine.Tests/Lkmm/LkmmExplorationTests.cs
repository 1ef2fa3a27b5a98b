// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Lkmm;

/// <summary>
/// The weak-memory mode as an exploration: DPOR reaches every outcome DFS does, stale reads are
/// decisions that replay, sc is untouched, atomics keep RMW atomicity and their orderings, and
/// the data-race detector sees the clocks the stores published.
/// </summary>
public sealed class LkmmExplorationTests
{
    /// <summary>Two writers store twice each; a reader reads three times: many stale-read choices whose number depends on the order.</summary>
    private static Func<IRuntime, Task> Coherence(HashSet<string> seen) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var reads = new int[3];
        var w1 = rt.Spawn("w1", async () =>
        {
            await x.WriteOnce(1);
            await x.WriteOnce(2);
        });
        var w2 = rt.Spawn("w2", async () =>
        {
            await x.WriteOnce(3);
            await x.WriteOnce(4);
        });
        var r = rt.Spawn("r", async () =>
        {
            for (var i = 0; i < reads.Length; i++) reads[i] = await x.ReadOnce();
        });
        await w1.Join();
        await w2.Join();
        await r.Join();
        seen.Add(string.Join(",", reads) + "/" + await x.ReadOnce());
    };

    [Fact]
    public void DporReachesEveryOutcomeDfsReaches()
    {
        var byDfs = new HashSet<string>();
        var byDpor = new HashSet<string>();
        var dfs = Explore.Body(Coherence(byDfs), "dfs", iterations: 1_000_000, stopAtFirstBug: false, memoryModel: MemoryModel.Lkmm);
        var dpor = Explore.Body(Coherence(byDpor), "dpor", iterations: 1_000_000, stopAtFirstBug: false, memoryModel: MemoryModel.Lkmm);

        Assert.True(dfs.Exhausted && dpor.Exhausted);
        Assert.False(dpor.FoundBug, dpor.FoundBug ? dpor.Bugs[0].ToString() : "");
        Assert.True(byDfs.SetEquals(byDpor), $"dfs {byDfs.Count} outcomes, dpor {byDpor.Count}: missing {string.Join(" ", byDfs.Except(byDpor).Take(5))}");
        // Coherence: the reader's values never go back in w1's or w2's program order.
        Assert.DoesNotContain(byDfs, o => o.StartsWith("2,1") || o.StartsWith("4,3"));
    }

    [Fact]
    public void SameSeedGivesTheSameStaleReadsAndTheTraceReplays()
    {
        var body = Litmus.StoreBuffering(fullBarrier: false);
        var first = Explore.Body(body, "random", iterations: 500, seed: 3, memoryModel: MemoryModel.Lkmm);
        var second = Explore.Body(body, "random", iterations: 500, seed: 3, memoryModel: MemoryModel.Lkmm);
        Assert.True(first.FoundBug);
        var trace = first.Bugs[0].Trace;
        Assert.Equal(DecisionText.Format(trace.Decisions), DecisionText.Format(second.Bugs[0].Trace.Decisions));
        Assert.Equal(MemoryModel.Lkmm, trace.MemoryModel);
        Assert.Contains(trace.Decisions, d => d.Kind == DecisionKind.Choice);

        var reloaded = TraceFile.Parse(TraceFile.ToJson(trace), "sb.json");
        Assert.Equal(MemoryModel.Lkmm, reloaded.MemoryModel);
        var replayed = Explorer.Replay(TestProgram.Sample("test", body), reloaded);
        Assert.Equal(trace.Bug!.Message, replayed.PrimaryBug!.Message);
    }

    [Fact]
    public void ScTracesCarryNoMemoryModelField()
    {
        var report = Explore.Body(SampleCatalog.Find("lost-update")!.Body, "dfs");
        Assert.DoesNotContain("memoryModel", TraceFile.ToJson(report.Bugs[0].Trace));
    }

    /// <summary>Where no load has a stale store to read, lkmm adds no decision: the same schedules as sc.</summary>
    [Theory]
    [InlineData("lost-update-fixed")]
    [InlineData("ab-ba-fixed")]
    [InlineData("readers-writer")]
    public void WithoutStaleChoicesLkmmExploresTheScSchedules(string name)
    {
        var body = SampleCatalog.Find(name)!.Body;
        var sc = Explore.Body(body, "dfs", iterations: 100_000);
        var lkmm = Explore.Body(body, "dfs", iterations: 100_000, memoryModel: MemoryModel.Lkmm);
        Assert.True(sc.Exhausted && lkmm.Exhausted);
        if (name == "readers-writer") Assert.True(lkmm.Iterations > sc.Iterations, "READ_ONCE readers of a racing writer can read stale");
        else Assert.Equal(sc.Iterations, lkmm.Iterations);
    }

    [Fact]
    public void RelaxedReadModifyWritesNeverLoseAnUpdate()
    {
        var finals = new HashSet<long>();
        var report = Explore.Body(async rt =>
        {
            var counter = rt.NewAtomic("counter", 0);
            var a = rt.Spawn("cpu0", async () => await counter.FetchAdd(1, MemoryOrder.Relaxed));
            var b = rt.Spawn("cpu1", async () => await counter.FetchAdd(1, MemoryOrder.Relaxed));
            await a.Join();
            await b.Join();
            finals.Add(await counter.Read());
        }, "dfs", iterations: 100_000, stopAtFirstBug: false, memoryModel: MemoryModel.Lkmm);
        Assert.True(report.Exhausted);
        Assert.Equal([2L], finals);
    }

    /// <summary>atomic_read/atomic_set are marked accesses: MP with them reads stale; a fully ordered xchg as the flag store orders it.</summary>
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void AtomicsFollowTheirOrdering(bool orderedFlag, bool staleExpected)
    {
        var report = Explore.Body(async rt =>
        {
            var data = rt.NewAtomic("x", 0);
            var flag = rt.NewAtomic("y", 0);
            long r0 = -1, r1 = -1;
            var w = rt.Spawn("cpu0", async () =>
            {
                await data.Set(1);
                if (orderedFlag) await flag.Exchange(1);
                else await flag.Set(1);
            });
            var r = rt.Spawn("cpu1", async () =>
            {
                r0 = orderedFlag ? await flag.FetchAdd(0, MemoryOrder.Acquire) : await flag.Read();
                r1 = await data.Read();
            });
            await w.Join();
            await r.Join();
            rt.Assert(!(r0 == 1 && r1 == 0), "stale data after the flag");
        }, "dfs", iterations: 100_000, memoryModel: MemoryModel.Lkmm);
        Assert.Equal(staleExpected, report.FoundBug);
    }

    /// <summary>SB with xchg in place of smp_mb: value-returning atomics are fully ordered (SB+... with xchg: Never).</summary>
    [Fact]
    public void FullyOrderedAtomicsActAsFullBarriers()
    {
        var report = Explore.Body(async rt =>
        {
            var x = rt.NewAtomic("x", 0);
            var y = rt.NewAtomic("y", 0);
            long r0 = -1, r1 = -1;
            var a = rt.Spawn("cpu0", async () =>
            {
                await x.Exchange(1);
                r0 = await y.Read();
            });
            var b = rt.Spawn("cpu1", async () =>
            {
                await y.Exchange(1);
                r1 = await x.Read();
            });
            await a.Join();
            await b.Join();
            rt.Assert(!(r0 == 0 && r1 == 0), "both read 0 across xchg");
        }, "dpor", iterations: 100_000, memoryModel: MemoryModel.Lkmm);
        Assert.True(report.Exhausted);
        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
    }

    /// <summary>
    /// Plain accesses that could read stale are data races: with KCSAN on, a plain data read after
    /// a READ_ONCE flag is reported under lkmm; with release/acquire it is ordered, through the
    /// clock the release store published in the store history.
    /// </summary>
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void KcsanUsesTheClocksTheStoresPublished(bool releaseAcquire, bool raceExpected)
    {
        var report = Explorer.Explore(TestProgram.Sample("mp", releaseAcquire ? RacePlain.ReleaseAcquire : RacePlain.PlainFlag), new ExplorationOptions
        {
            Strategy = "dfs",
            Iterations = 100_000,
            MemoryModel = MemoryModel.Lkmm,
            Detectors = Detectors.Default | Detectors.Kcsan,
        });
        Assert.Equal(raceExpected, report.FoundBug && report.Bugs[0].Bug.Kind == BugKind.DataRace);
        if (!raceExpected) Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
    }
}
