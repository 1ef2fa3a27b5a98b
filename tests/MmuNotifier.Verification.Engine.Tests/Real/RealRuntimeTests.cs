// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Real;

namespace MmuNotifier.Verification.Engine.Tests.Real;

public sealed class RealRuntimeTests
{
    [Fact]
    public void Threads_are_named_and_joined()
    {
        var names = new List<string>();
        var result = RealRun.Run(async rt =>
        {
            Assert.False(rt.IsControlled);
            Assert.False(rt.IsTracing);
            var t = rt.Spawn("cpu1", () =>
            {
                lock (names) names.Add(rt.CurrentThreadName);
                return Task.CompletedTask;
            });
            await t.Join();
            Assert.True(t.IsCompleted);
            lock (names) names.Add(rt.CurrentThreadName);
        });

        RealRun.AssertClean(result);
        Assert.Equal(["cpu1", "main"], names);
    }

    [Fact]
    public void A_failed_assertion_stops_the_run_and_blocked_threads_unwind()
    {
        bool ranOn = false;
        var result = RealRun.Run(async rt =>
        {
            var wq = rt.NewWaitQueue("never");
            var never = rt.NewCell("never_set", false);
            var stuck = rt.Spawn("stuck", async () => await wq.WaitEvent(never, isSet => isSet));
            RealRun.UntilBlocked(stuck);
            rt.Assert(false, "boom");
            ranOn = true;
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.Assertion);
        Assert.Equal("boom", bug.Message);
        Assert.False(ranOn);
    }

    [Fact]
    public void Warn_on_reports_and_lets_the_run_go_on()
    {
        bool ranOn = false;
        var result = RealRun.Run(rt =>
        {
            Assert.True(rt.WarnOn(true, "odd"));
            Assert.False(rt.WarnOn(false, "fine"));
            ranOn = true;
            return Task.CompletedTask;
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.WarnOn);
        Assert.Equal(BugComponent.Warning, bug.Component);
        Assert.True(ranOn);
    }

    [Fact]
    public void Bug_on_and_violations_are_fatal_and_carry_their_invariant()
    {
        RealRun.AssertSingleBug(RealRun.Run(rt =>
        {
            rt.BugOn(true, "bad");
            return Task.CompletedTask;
        }), BugKind.BugOn);

        var bug = RealRun.AssertSingleBug(RealRun.Run(rt =>
        {
            rt.ReportViolation("odd-seq", "even while invalidating", BugComponent.Driver);
            return Task.CompletedTask;
        }), BugKind.InvariantViolation);
        Assert.Equal("odd-seq", bug.Invariant);
        Assert.Equal(BugComponent.Driver, bug.Component);
    }

    [Fact]
    public void Awaiting_something_uncontrolled_is_a_harness_error()
    {
        var result = RealRun.Run(async _ => await Task.Delay(1));
        var bug = Assert.Single(result.Bugs);
        Assert.Equal(BugKind.HarnessError, bug.Kind);
        Assert.False(bug.IsBug);
    }

    [Fact]
    public void An_exception_escaping_a_thread_is_reported()
    {
        var result = RealRun.Run(rt =>
        {
            var t = rt.Spawn("thrower", () => throw new InvalidOperationException("oops"));
            return t.Join().AsTask();
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.UnhandledException);
        Assert.Contains("oops", bug.Message);
        Assert.Equal("thrower", bug.Thread);
    }

    [Fact]
    public void The_watchdog_reports_an_AB_BA_deadlock_with_what_each_thread_waits_for()
    {
        using var bothHoldOne = new Barrier(2);
        var result = RealRun.Run(async rt =>
        {
            var a = rt.NewMutex("A");
            var b = rt.NewMutex("B");
            async Task Take(IMutexPair locks)
            {
                await locks.First.Lock();
                Assert.True(bothHoldOne.SignalAndWait(TimeSpan.FromSeconds(5)));
                await locks.Second.Lock();
            }

            var t1 = rt.Spawn("t1", () => Take(new IMutexPair(a, b)));
            var t2 = rt.Spawn("t2", () => Take(new IMutexPair(b, a)));
            await t1.Join();
            await t2.Join();
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.Deadlock);
        Assert.Contains("t1 (", bug.Message);
        Assert.Contains("mutex_lock(B) held by t2", bug.Message);
        Assert.Contains("mutex_lock(A) held by t1", bug.Message);
        Assert.Contains("join(t1)", bug.Message);
        Assert.Equal("watchdog", bug.Thread);
    }

    [Fact]
    public void A_monitor_sampled_after_every_operation_sees_a_transient_state()
    {
        var options = RealRun.Generous with { MonitorInterval = 1 };
        var result = RealRun.Run(async rt =>
        {
            var seq = rt.NewCell("seq", 2L);
            rt.AddMonitor("not-three", () => seq.Peek() == 3 ? "seq is 3" : null);
            await seq.WriteOnce(3);
            await seq.WriteOnce(4);
        }, options);

        var bug = RealRun.AssertSingleBug(result, BugKind.InvariantViolation);
        Assert.Equal("not-three", bug.Invariant);
    }

    [Fact]
    public void Monitors_run_once_more_when_the_run_ends()
    {
        var result = RealRun.Run(async rt =>
        {
            var seq = rt.NewCell("seq", 2L);
            rt.AddMonitor("even", () => seq.Peek() % 2 == 0 ? null : $"seq {seq.Peek()} is odd");
            await seq.WriteOnce(3);
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.InvariantViolation);
        Assert.Equal("end-of-run", bug.Thread);
    }

    [Fact]
    public void Monitors_only_see_states_between_operations()
    {
        // x and y are plain fields changed together between two operations: a monitor run
        // concurrently would catch them apart; at a safepoint it never does.
        long x = 0, y = 0;
        var options = RealRun.Generous with { MonitorInterval = 1 };
        var result = RealRun.Run(async rt =>
        {
            rt.AddMonitor("x==y", () => Volatile.Read(ref x) == Volatile.Read(ref y) ? null : "torn");
            var writer = rt.Spawn("writer", async () =>
            {
                for (int i = 0; i < 500; i++)
                {
                    Volatile.Write(ref x, x + 1);
                    Thread.SpinWait(200);
                    Volatile.Write(ref y, y + 1);
                    await rt.Yield();
                }
            });
            var other = rt.Spawn("other", async () =>
            {
                for (int i = 0; i < 500; i++) await rt.Yield();
            });
            await writer.Join();
            await other.Join();
        }, options);

        RealRun.AssertClean(result);
        Assert.Equal(500, x);
    }

    [Fact]
    public void Choices_atomics_and_cells_behave()
    {
        var result = RealRun.Run(async rt =>
        {
            for (int i = 0; i < 50; i++)
            {
                int c = await rt.Choose("c", 3);
                Assert.InRange(c, 0, 2);
            }

            _ = await rt.ChooseBool("b");
            await rt.Yield();

            var users = rt.NewAtomic("users", 1);
            Assert.True(await users.IncNotZero());
            Assert.Equal(5, await users.AddReturn(3));
            Assert.Equal(5, await users.CompareExchange(5, 1));
            Assert.True(await users.DecAndTest());
            Assert.False(await users.IncNotZero());
            await users.Set(7);
            Assert.Equal(7, await users.Read());
            Assert.Equal(7, users.Peek());

            var cell = rt.NewCell<string?>("p", null);
            await cell.StoreRelease("x");
            Assert.Equal("x", await cell.LoadAcquire());
            await cell.Write("y");
            Assert.Equal("y", await cell.Read());
            Assert.Equal("y", cell.Peek());

            var map = rt.NewLockMap("__mmu_notifier_invalidate_range_start_map");
            map.Acquire();
            map.Release();
            rt.Annotate("ignored");
        });

        RealRun.AssertClean(result);
    }

    [Fact]
    public void A_runtime_runs_one_body_only()
    {
        var rt = new RealRuntime();
        rt.Run(_ => Task.CompletedTask);
        Assert.Throws<InvalidOperationException>(() => rt.Run(_ => Task.CompletedTask));
    }

    private sealed record IMutexPair(Abstractions.IMutex First, Abstractions.IMutex Second);
}
