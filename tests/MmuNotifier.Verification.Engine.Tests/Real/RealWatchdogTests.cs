// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests.Real;

public sealed class RealWatchdogTests
{
    [Fact]
    public void A_spin_loop_that_never_ends_is_a_time_bound_hit_not_a_bug()
    {
        var options = RealRun.Generous with { Timeout = TimeSpan.FromMilliseconds(300) };
        var result = RealRun.Run(async rt =>
        {
            var flag = rt.NewCell("flag", false);
            while (!await flag.ReadOnce()) await rt.Yield();
        }, options);

        var bug = RealRun.AssertSingleBug(result, BugKind.StepBoundExceeded);
        Assert.False(bug.IsBug);
        Assert.Contains("still making progress", bug.Message);
    }

    [Fact]
    public void A_thread_stuck_outside_the_runtime_is_reported_and_abandoned()
    {
        using var never = new ManualResetEventSlim();
        // A 2 s watchdog: under a loaded CI machine a 300 ms one could fire before the thread even
        // started, which the runtime rightly reports as a step-bound hit rather than a stuck thread.
        var options = RealRun.Generous with { Timeout = TimeSpan.FromSeconds(2), UnwindGrace = TimeSpan.FromMilliseconds(50) };
        var result = RealRun.Run(_ =>
        {
            never.Wait(TimeSpan.FromSeconds(120));
            return Task.CompletedTask;
        }, options);
        never.Set();

        var bug = Assert.Single(result.Bugs);
        Assert.Equal(BugKind.Deadlock, bug.Kind);
        Assert.Contains("main (1, running outside any primitive)", bug.Message);
        Assert.True(result.Abandoned);
        // Abandoned, not waited for: well under the 120 s the stuck thread would take, even on a loaded machine.
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Safepoints_on_every_operation_do_not_hang_contended_locks()
    {
        // Blocked threads whose lock frees up during a sample must wait for it and then go on.
        int counter = 0;
        var options = RealRun.Generous with { MonitorInterval = 1 };
        var result = RealRun.Run(async rt =>
        {
            var spin = rt.NewSpinLock("lock");
            var mutex = rt.NewMutex("m");
            rt.AddMonitor("counter-non-negative", () => counter >= 0 ? null : "negative");
            async Task Worker()
            {
                for (int i = 0; i < 200; i++)
                {
                    await mutex.Lock();
                    await spin.Lock();
                    counter++;
                    await spin.Unlock();
                    await mutex.Unlock();
                }
            }

            var threads = new[] { rt.Spawn("a", Worker), rt.Spawn("b", Worker), rt.Spawn("c", Worker) };
            foreach (var t in threads) await t.Join();
        }, options);

        RealRun.AssertClean(result);
        Assert.Equal(600, counter);
    }
}
