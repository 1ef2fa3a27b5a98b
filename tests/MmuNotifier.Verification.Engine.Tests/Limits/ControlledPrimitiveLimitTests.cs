// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Limits;

/// <summary>
/// Documented limits of the controlled primitives (docs/engine.md, "Known limits"), written down as
/// tests in the style of loom's: each one passes because of the limit. When a later change removes
/// a limit, its test fails here on purpose: invert it (the behaviour is now found) and update the
/// docs, rather than deleting it.
/// </summary>
public sealed class ControlledPrimitiveLimitTests
{
    /// <summary>Every schedule of <paramref name="body"/> under DFS, which must exhaust the space.</summary>
    private static ExplorationReport Exhaust(Func<IRuntime, Task> body)
    {
        var report = Explore.Body(body, "dfs", iterations: 100_000);
        Assert.True(report.Exhausted, "the schedule space was not exhausted");
        return report;
    }

    private static void AssertNoBug(ExplorationReport report) =>
        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");

    /// <summary>
    /// LIMIT (under the default memory model, sc; --memory-model lkmm finds it: Lkmm/LitmusTests.cs):
    /// cells are sequentially consistent. Message passing with plain WRITE_ONCE/READ_ONCE
    /// (no smp_wmb/smp_rmb, no release/acquire) lets the Linux memory model see the flag but stale
    /// data; the engine never shows that outcome. Inverted, the stale read is found.
    /// </summary>
    [Fact]
    public void Limit_Cells_MessagePassingWithoutBarriersNeverShowsTheStaleRead()
    {
        var report = Exhaust(rt =>
        {
            var data = rt.NewCell("data", 0);
            var flag = rt.NewCell("flag", 0);
            rt.Spawn("producer", async () =>
            {
                await data.WriteOnce(1);
                await flag.WriteOnce(1);
            });
            rt.Spawn("consumer", async () =>
            {
                var seenFlag = await flag.ReadOnce();
                var seenData = await data.ReadOnce();
                rt.Assert(!(seenFlag == 1 && seenData == 0), "saw the flag but stale data (MP litmus)");
            });
            return Task.CompletedTask;
        });

        AssertNoBug(report);
    }

    /// <summary>
    /// LIMIT (under sc; lkmm finds it: Lkmm/LitmusTests.cs): cells are sequentially consistent, not even x86-TSO. Store buffering (each thread writes
    /// its own cell, then reads the other's) can read both zeros on real hardware; never here.
    /// </summary>
    [Fact]
    public void Limit_Cells_StoreBufferingNeverReadsBothInitialValues()
    {
        var report = Exhaust(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var y = rt.NewCell("y", 0);
            var r0 = -1;
            var r1 = -1;
            var a = rt.Spawn("cpu0", async () =>
            {
                await x.WriteOnce(1);
                r0 = await y.ReadOnce();
            });
            var b = rt.Spawn("cpu1", async () =>
            {
                await y.WriteOnce(1);
                r1 = await x.ReadOnce();
            });
            await a.Join();
            await b.Join();
            rt.Assert(!(r0 == 0 && r1 == 0), "both reads saw the initial value (SB litmus)");
        });

        AssertNoBug(report);
    }

    /// <summary>
    /// LIMIT (by design): a plain field under its lock (<see cref="Guarded{T}"/>) is not a scheduling
    /// point, so its accesses add no steps and no interleavings. Only the lock operations do. If
    /// guarded accesses ever become scheduling points, the step counts below differ.
    /// </summary>
    [Fact]
    public void Limit_Guarded_FieldsUnderALockAreNotSchedulingPoints()
    {
        static Func<IRuntime, Task> Body(int guardedAccesses) => rt =>
        {
            var lockObj = rt.NewSpinLock("lock");
            var count = new Guarded<int>(lockObj, 0);
            for (var t = 0; t < 2; t++)
            {
                rt.Spawn($"cpu{t}", async () =>
                {
                    await lockObj.Lock();
                    for (var i = 0; i < guardedAccesses; i++) count.Value++;
                    await lockObj.Unlock();
                });
            }

            return Task.CompletedTask;
        };

        var none = Exhaust(Body(0));
        var many = Exhaust(Body(20));

        AssertNoBug(many);
        Assert.Equal(none.Iterations, many.Iterations);
        Assert.Equal(none.TotalSteps, many.TotalSteps);
    }

    /// <summary>
    /// LIMIT: the controlled Join does not call might_sleep, so joining a thread while holding a
    /// spinlock is not reported as sleeping in atomic context (the real runtime reports it). Inverted,
    /// this expects SleepInAtomic.
    /// </summary>
    [Fact]
    public void Limit_Join_UnderASpinLockIsNotReportedAsSleepingInAtomicContext()
    {
        var report = Exhaust(async rt =>
        {
            var spin = rt.NewSpinLock("spin");
            var child = rt.Spawn("child", async () => await rt.Yield());
            await spin.Lock();
            await child.Join();
            await spin.Unlock();
        });

        Assert.DoesNotContain(report.Bugs, b => b.Bug.Kind == BugKind.SleepInAtomic);
        AssertNoBug(report);
    }

    /// <summary>
    /// By design (documented, not a loss of interleavings): a spawned thread runs eagerly up to its
    /// first scheduling point inside its parent's step, so plain code before that point has always run
    /// by the time Spawn returns.
    /// </summary>
    [Fact]
    public void Design_Spawn_RunsTheChildUpToItsFirstSchedulingPointBeforeReturning()
    {
        var report = Exhaust(async rt =>
        {
            var cell = rt.NewCell("cell", 0);
            var started = false;
            var child = rt.Spawn("child", async () =>
            {
                started = true;
                await cell.WriteOnce(1);
            });
            rt.Assert(started, "the child had not started when Spawn returned");
            await child.Join();
        });

        AssertNoBug(report);
    }
}
