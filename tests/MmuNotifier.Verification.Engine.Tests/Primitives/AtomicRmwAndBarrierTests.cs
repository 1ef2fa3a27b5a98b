// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests.Primitives;

/// <summary>xchg, cmpxchg and fetch_op are single indivisible steps returning the old value; a barrier lines threads up.</summary>
public sealed class AtomicRmwAndBarrierTests
{
    [Fact]
    public void EveryReadModifyWriteReturnsTheOldValueAndLeavesTheNewOne()
    {
        var report = Explore.Body(async rt =>
        {
            var a = rt.NewAtomic("a", 6);
            rt.Assert(await a.FetchAdd(4) == 6 && a.Peek() == 10, "fetch_add");
            rt.Assert(await a.FetchSub(3, MemoryOrder.Release) == 10 && a.Peek() == 7, "fetch_sub");
            rt.Assert(await a.FetchOr(8, MemoryOrder.Relaxed) == 7 && a.Peek() == 15, "fetch_or");
            rt.Assert(await a.FetchAnd(6, MemoryOrder.Acquire) == 15 && a.Peek() == 6, "fetch_and");
            rt.Assert(await a.Exchange(1) == 6 && a.Peek() == 1, "xchg");
            rt.Assert(await a.CompareExchange(0, 9, MemoryOrder.Acquire) == 1 && a.Peek() == 1, "failed cmpxchg");
            rt.Assert(await a.CompareExchange(1, 9, MemoryOrder.AcquireRelease) == 1 && a.Peek() == 9, "cmpxchg");
        }, iterations: 1);

        Assert.False(report.FoundBug, report.Bugs.FirstOrDefault()?.ToString());
    }

    [Fact]
    public void FetchAddIsAtomicSoNoIncrementIsLost()
    {
        var report = Explore.Body(rt =>
        {
            var counter = rt.NewAtomic("counter", 0);
            var done = rt.NewAtomic("done", 0);
            for (var t = 0; t < 2; t++)
            {
                rt.Spawn($"cpu{t}", async () =>
                {
                    await counter.FetchAdd(1);
                    if (await done.FetchAdd(1) == 1) rt.Assert(counter.Peek() == 2, "lost increment");
                });
            }

            return Task.CompletedTask;
        }, "dfs", iterations: 1000);

        Assert.True(report.Exhausted);
        Assert.False(report.FoundBug);
    }

    [Fact]
    public void NoThreadPassesTheBarrierBeforeAllArrive()
    {
        var report = Explore.Body(rt =>
        {
            var barrier = rt.NewBarrier("b", 3);
            var arrived = rt.NewAtomic("arrived", 0);
            for (var t = 0; t < 3; t++)
            {
                rt.Spawn($"cpu{t}", async () =>
                {
                    await arrived.FetchAdd(1);
                    await barrier.Wait();
                    rt.Assert(arrived.Peek() == 3, "passed the barrier early");
                    await barrier.Wait();  // a second round reuses it
                });
            }

            return Task.CompletedTask;
        }, "dfs", iterations: 10_000);

        Assert.True(report.Exhausted);
        Assert.False(report.FoundBug, report.Bugs.FirstOrDefault()?.ToString());
    }

    [Fact]
    public void ABarrierMissingAPartyIsADeadlock()
    {
        var report = Explore.Body(rt =>
        {
            var barrier = rt.NewBarrier("b", 3);
            for (var t = 0; t < 2; t++) rt.Spawn($"cpu{t}", async () => await barrier.Wait());
            return Task.CompletedTask;
        }, iterations: 5);

        Assert.Equal(BugKind.Deadlock, Assert.Single(report.Bugs).Bug.Kind);
        Assert.Contains("2 of 3 arrived", report.Bugs[0].Bug.Message);
    }
}
