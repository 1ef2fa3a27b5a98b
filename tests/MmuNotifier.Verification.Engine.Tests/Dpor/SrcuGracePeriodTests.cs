// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Dpor;

/// <summary>
/// synchronize_srcu returns after the exits of the readers it waited for (DPOR's GracePeriods),
/// and whether it waits for a reader at all is the race between its parking and that reader's
/// srcu_read_lock, even when it parked inside the step that spawned its thread: no reversal asks
/// for a thread still inside its grace period, and every outcome is reached.
/// </summary>
public sealed class SrcuGracePeriodTests
{
    private static VerificationReport Verify(Func<IRuntime, Task> body) =>
        Verifier.Verify(TestProgram.Sample("grace-period", body), new ExplorationOptions { Iterations = 10_000 });

    /// <summary>A reader that stores <paramref name="values"/> to <paramref name="x"/> inside one read-side section.</summary>
    private static Func<Task> Reader(ISrcu srcu, ICell<int> x, params int[] values) => async () =>
    {
        var idx = await srcu.ReadLock();
        foreach (var value in values) await x.WriteOnce(value);
        await srcu.ReadUnlock(idx);
    };

    private static void AssertCompleteWithNothingDropped(VerificationReport report)
    {
        Assert.True(report.Complete, report.IncompleteReason ?? string.Join("; ", report.Exploration.Bugs.Select(b => b.Bug.Message)));
        Assert.Equal(0, report.Infeasible);
    }

    [Fact]
    public void No_reversal_runs_an_updater_before_the_reader_it_waits_for_has_left()
    {
        var reads = new HashSet<int>();
        var report = Verify(async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            var x = rt.NewCell("x", 0);
            var reader = rt.Spawn("reader", Reader(srcu, x, 1, 2));
            var updater = rt.Spawn("updater", async () =>
            {
                await x.WriteOnce(await x.ReadOnce() + 10);
                await srcu.Synchronize();
                reads.Add(await x.ReadOnce());
            });
            await reader.Join();
            await updater.Join();
        });

        AssertCompleteWithNothingDropped(report);
        Assert.Equal(0, report.Blocked);
        Assert.Superset(new HashSet<int> { 1, 2, 10, 12 }, reads);
        Assert.Contains(1, reads);
    }

    [Fact]
    public void An_updater_that_parks_while_it_is_spawned_still_races_with_the_readers_lock()
    {
        // The updater starts inside main's second step and parks on synchronize_srcu there, so
        // whether the reader's srcu_read_lock came before that step decides whether the updater
        // waits for it: the two conflict, and both orders must be explored.
        var lockedFirst = new HashSet<bool>();
        var report = Verify(async rt =>
        {
            var order = new List<string>();
            var srcu = rt.NewSrcu("srcu");
            var x = rt.NewCell("x", 0);
            var gate = rt.NewCell("gate", 0);
            var reader = rt.Spawn("reader", async () =>
            {
                var idx = await srcu.ReadLock();
                order.Add("locked");
                await x.WriteOnce(1);
                await srcu.ReadUnlock(idx);
            });
            await gate.WriteOnce(1);
            order.Add("gate");
            var updater = rt.Spawn("updater", async () =>
            {
                await srcu.Synchronize();
                await x.ReadOnce();
            });
            await reader.Join();
            await updater.Join();
            lockedFirst.Add(order.IndexOf("locked") < order.IndexOf("gate"));
        });

        AssertCompleteWithNothingDropped(report);
        Assert.Equal(new HashSet<bool> { true, false }, lockedFirst);
    }

    [Fact]
    public void Srcu_barrier_returns_after_the_callbacks_queued_before_it()
    {
        // The callback's thread is spawned by call_srcu and parks on its grace period inside that
        // step; the barrier's step happens after the callback's last one.
        var reads = new HashSet<int>();
        var report = Verify(async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            var x = rt.NewCell("x", 0);
            var reader = rt.Spawn("reader", Reader(srcu, x, 1));
            var updater = rt.Spawn("updater", async () =>
            {
                await srcu.CallSrcu("set", async () => await x.WriteOnce(await x.ReadOnce() + 10));
                await srcu.Barrier();
                reads.Add(await x.ReadOnce());
            });
            await reader.Join();
            await updater.Join();
        });

        AssertCompleteWithNothingDropped(report);
        Assert.Equal(0, report.Blocked);
        // The callback ran before the barrier returned (never 0); the reader may write before or after it.
        Assert.Equal(new HashSet<int> { 1, 10, 11 }, reads);
    }
}
