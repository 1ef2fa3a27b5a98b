// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Coyote.Tests;

/// <summary>The runtime's mapping onto Coyote, on small programs with a known answer.</summary>
public sealed class CoyoteRuntimeTests
{
    [Fact]
    public void Lost_update_is_a_Coyote_assertion_failure_carrying_our_message()
    {
        var report = Explore(rt => Increments(rt, locked: false));
        Assert.Contains(report.Bugs, b => b.StartsWith("Assertion on main: counter is 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Increments_under_a_spinlock_are_clean()
    {
        var report = Explore(rt => Increments(rt, locked: true));
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void A_WARN_lets_the_run_finish_and_then_fails_it()
    {
        var report = Explore(async rt =>
        {
            var cell = rt.NewCell("x", 0);
            rt.WarnOn(true, "warned");
            await cell.WriteOnce(1);
            rt.Assert(await cell.ReadOnce() == 1, "the run went on after the WARN");
        });
        Assert.Equal(["WarnOn on main: warned"], report.Bugs);
    }

    [Fact]
    public void Choices_are_Coyote_random_values_covering_every_value()
    {
        var report = Explore(async rt => rt.Assert(await rt.Choose("pick", 3) != 2, "picked 2"));
        Assert.Contains(report.Bugs, b => b.EndsWith("picked 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Threads_waiting_for_each_other_are_Coyote_deadlocks()
    {
        var report = Explore(async rt =>
        {
            var queue = rt.NewWaitQueue("wq");
            var flag = rt.NewCell("flag", false);
            var waiter = rt.Spawn("cpu0", async () => await queue.WaitEvent(flag, f => f));
            await waiter.Join();
        });
        Assert.Contains(report.Bugs, b => b.Contains("Deadlock", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task Increments(IRuntime rt, bool locked)
    {
        var counter = rt.NewCell("counter", 0);
        var guard = rt.NewSpinLock("lock");
        async Task Increment()
        {
            if (locked) await guard.Lock();
            int seen = await counter.ReadOnce();
            await counter.WriteOnce(seen + 1);
            if (locked) await guard.Unlock();
        }

        var a = rt.Spawn("cpu0", Increment);
        var b = rt.Spawn("cpu1", Increment);
        await a.Join();
        await b.Join();
        int total = await counter.ReadOnce();
        rt.Assert(total == 2, $"counter is {total} after two increments");
    }

    private static CoyoteReport Explore(Func<IRuntime, Task> body) =>
        CoyoteExploration.Run(() => CoyoteRuntime.Run(TestProgram.Sample("probe", body)), iterations: 200, seed: 7);
}
