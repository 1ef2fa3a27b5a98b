// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests.Real;

public sealed class RealSrcuTests
{
    [Fact]
    public void Synchronize_waits_for_a_reader_that_entered_before_it()
    {
        bool readerLeft = false, syncSawReaderLeft = false;
        using var readerIn = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var result = RealRun.Run(async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            var reader = rt.Spawn("reader", async () =>
            {
                int idx = await srcu.ReadLock();
                Assert.True(srcu.IsReadLockHeld);
                readerIn.Set();
                RealRun.Await(release);
                Volatile.Write(ref readerLeft, true);
                await srcu.ReadUnlock(idx);
            });
            RealRun.Await(readerIn);
            var syncer = rt.Spawn("syncer", async () =>
            {
                await srcu.Synchronize();
                syncSawReaderLeft = Volatile.Read(ref readerLeft);
            });
            RealRun.UntilBlocked(syncer);
            release.Set();
            await reader.Join();
            await syncer.Join();
        });

        RealRun.AssertClean(result);
        Assert.True(syncSawReaderLeft);
    }

    [Fact]
    public void Synchronize_does_not_wait_for_a_reader_that_entered_after_it()
    {
        using var release = new ManualResetEventSlim();
        using var earlyIn = new ManualResetEventSlim();
        var result = RealRun.Run(async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            var early = rt.Spawn("early", async () =>
            {
                int idx = await srcu.ReadLock();
                earlyIn.Set();
                RealRun.Await(release);
                await srcu.ReadUnlock(idx);
            });
            RealRun.Await(earlyIn);
            var syncer = rt.Spawn("syncer", async () => await srcu.Synchronize());
            RealRun.UntilBlocked(syncer);

            // The late reader enters while the grace period is running and stays inside until it has
            // ended: were it waited for, this would hang and the watchdog would report a deadlock.
            int late = await srcu.ReadLock();
            release.Set();
            await syncer.Join();
            await srcu.ReadUnlock(late);
            await early.Join();
        });

        RealRun.AssertClean(result);
    }

    [Fact]
    public void Call_srcu_runs_its_callback_after_the_readers_leave_and_barrier_waits_for_it()
    {
        bool readerLeft = false, callbackRan = false, callbackSawReaderLeft = false;
        var result = RealRun.Run(async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            int idx = await srcu.ReadLock();
            await srcu.CallSrcu("free_notifier", () =>
            {
                callbackSawReaderLeft = Volatile.Read(ref readerLeft);
                callbackRan = true;
                return Task.CompletedTask;
            });
            Volatile.Write(ref readerLeft, true);
            await srcu.ReadUnlock(idx);
            await srcu.Barrier();
            Assert.True(callbackRan);
        });

        RealRun.AssertClean(result);
        Assert.True(callbackSawReaderLeft);
    }

    [Fact]
    public void A_callback_that_sleeps_is_reported()
    {
        var result = RealRun.Run(async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            var mutex = rt.NewMutex("m");
            await srcu.CallSrcu("bad", async () => await mutex.Lock());
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.SleepInAtomic);
        Assert.Contains("call_srcu callback bad", bug.Message);
    }

    [Fact]
    public void Synchronize_inside_its_own_read_section_is_a_self_deadlock()
    {
        var result = RealRun.Run(async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            await srcu.ReadLock();
            await srcu.Synchronize();
        });

        RealRun.AssertSingleBug(result, BugKind.Deadlock);
    }
}
