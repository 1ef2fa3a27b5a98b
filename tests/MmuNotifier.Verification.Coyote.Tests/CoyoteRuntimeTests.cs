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

    // The Barrier and the atomics came after the Coyote backend: they reach Coyote through the
    // runtime's WakeAll/BlockUntil and scheduling points alone, with no Coyote-specific code.
    [Fact]
    public void A_barrier_orders_every_write_before_it_under_Coyote()
    {
        var report = Explore(async rt =>
        {
            var barrier = rt.NewBarrier("b", 2);
            var x = rt.NewCell("x", 0);
            var y = rt.NewCell("y", 0);
            var other = rt.Spawn("cpu1", async () =>
            {
                await y.WriteOnce(1);
                await barrier.Wait();
                rt.Assert(await x.ReadOnce() == 1, "cpu1 passed the barrier before main's write");
            });
            await x.WriteOnce(1);
            await barrier.Wait();
            rt.Assert(await y.ReadOnce() == 1, "main passed the barrier before cpu1's write");
            await other.Join();
        });
        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void A_barrier_missing_a_party_is_a_Coyote_deadlock()
    {
        var report = Explore(async rt =>
        {
            var barrier = rt.NewBarrier("b", 3);
            var other = rt.Spawn("cpu1", async () => await barrier.Wait());
            await barrier.Wait();
            await other.Join();
        });
        Assert.Contains(report.Bugs, b => b.Contains("Deadlock", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Atomic_increments_never_lose_an_update_and_read_then_set_does(bool atomic)
    {
        var report = Explore(async rt =>
        {
            var counter = rt.NewAtomic("counter", 0);
            async Task Increment()
            {
                if (atomic)
                {
                    // A compare-exchange loop, as the kernel's atomic_try_cmpxchg users write it.
                    long seen;
                    do seen = await counter.Read();
                    while (await counter.CompareExchange(seen, seen + 1) != seen);
                }
                else
                {
                    await counter.Set(await counter.Read() + 1);
                }
            }

            var a = rt.Spawn("cpu0", Increment);
            await counter.AddReturn(1);
            await a.Join();
            long total = await counter.Read();
            rt.Assert(total == 2, $"atomic counter is {total} after two increments");
        });
        if (atomic) Assert.Empty(report.Bugs);
        else Assert.Contains(report.Bugs, b => b.StartsWith("Assertion on main: atomic counter is 1", StringComparison.Ordinal));
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
