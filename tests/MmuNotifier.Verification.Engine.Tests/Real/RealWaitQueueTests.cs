// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests.Real;

public sealed class RealWaitQueueTests
{
    [Fact]
    public void Wait_event_returns_once_the_condition_holds_after_a_wake()
    {
        bool sawDone = false;
        var result = RealRun.Run(async rt =>
        {
            var wq = rt.NewWaitQueue("wq");
            var done = rt.NewCell("done", false);
            var waiter = rt.Spawn("waiter", async () =>
            {
                await wq.WaitEvent(done, isDone => isDone);
                sawDone = done.Peek();
            });
            RealRun.UntilBlocked(waiter);
            // A wake with the condition still false must not release the waiter.
            await wq.WakeUpAll();
            await done.WriteOnce(true);
            await wq.WakeUpAll();
            await waiter.Join();
        });

        RealRun.AssertClean(result);
        Assert.True(sawDone);
    }

    [Fact]
    public void Wait_event_with_a_true_condition_does_not_sleep()
    {
        var result = RealRun.Run(async rt =>
        {
            var wq = rt.NewWaitQueue("wq");
            var ready = rt.NewCell("ready", true);
            await wq.WaitEvent(ready, isReady => isReady);
        });

        RealRun.AssertClean(result);
    }

    [Fact]
    public void Sleep_until_woken_wakes_on_the_next_wake_up()
    {
        var result = RealRun.Run(async rt =>
        {
            var wq = rt.NewWaitQueue("wq");
            var sleeper = rt.Spawn("sleeper", async () => await wq.SleepUntilWoken());
            RealRun.UntilBlocked(sleeper);
            await wq.WakeUpAll();
            await sleeper.Join();
        });

        RealRun.AssertClean(result);
    }

    [Fact]
    public void A_wake_up_before_a_bare_sleep_is_lost_and_the_hang_is_reported()
    {
        var result = RealRun.Run(async rt =>
        {
            var wq = rt.NewWaitQueue("wq");
            await wq.WakeUpAll();
            var sleeper = rt.Spawn("sleeper", async () => await wq.SleepUntilWoken());
            await sleeper.Join();
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.Deadlock);
        Assert.Contains("sleeper", bug.Message);
        Assert.Contains("sleep on wq", bug.Message);
    }

    [Fact]
    public void Wait_event_under_a_spinlock_is_reported()
    {
        var result = RealRun.Run(async rt =>
        {
            var wq = rt.NewWaitQueue("wq");
            var spin = rt.NewSpinLock("s");
            var ready = rt.NewCell("ready", true);
            await spin.Lock();
            await wq.WaitEvent(ready, isReady => isReady);
        });

        RealRun.AssertSingleBug(result, BugKind.SleepInAtomic);
    }
}
