// SPDX-License-Identifier: GPL-2.0-only
// Classic lock-discipline benchmarks (SV-COMP pthread, SCTBench), written afresh from their descriptions.
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples.Benchmarks;

/// <summary>Bugs of lock use: a missing or wrong lock, lock-order deadlocks, a check split from its update.</summary>
public static class LockBenchmarks
{
    /// <summary>account: deposit is locked, withdraw is not, so one update can overwrite the other.</summary>
    public static Task Account(IRuntime rt)
    {
        var balance = rt.NewCell("balance", 10);
        var guard = rt.NewMutex("m");
        var done = rt.NewAtomic("done", 0);
        rt.Spawn("deposit", async () =>
        {
            await guard.Lock();
            await balance.Write(await balance.Read() + 5);
            await guard.Unlock();
            await Finish();
        });
        rt.Spawn("withdraw", async () =>
        {
            await balance.Write(await balance.Read() - 3);
            await Finish();
        });
        return Task.CompletedTask;

        async Task Finish()
        {
            if (await done.AddReturn(1) == 2) rt.Assert(balance.Peek() == 12, $"balance {balance.Peek()}, expected 12");
        }
    }

    /// <summary>deadlock01: two threads take locks a and b in opposite orders.</summary>
    public static Task Deadlock01(IRuntime rt)
    {
        var a = rt.NewMutex("a");
        var b = rt.NewMutex("b");
        rt.Spawn("t1", () => Both(a, b));
        rt.Spawn("t2", () => Both(b, a));
        return Task.CompletedTask;

        static async Task Both(IMutex first, IMutex second)
        {
            await first.Lock();
            await second.Lock();
            await second.Unlock();
            await first.Unlock();
        }
    }

    /// <summary>
    /// carter01: the lock order depends on data. A thread that sees the shared flag raised takes
    /// the locks in the other order, which deadlocks only when the flag is raised between the
    /// other thread's two acquisitions.
    /// </summary>
    public static Task Carter01(IRuntime rt)
    {
        var a = rt.NewMutex("a");
        var b = rt.NewMutex("b");
        var flag = rt.NewCell("flag", 0);
        rt.Spawn("t1", async () =>
        {
            await a.Lock();
            await flag.WriteOnce(1);
            await a.Unlock();
            await b.Lock();
            await a.Lock();
            await a.Unlock();
            await b.Unlock();
        });
        rt.Spawn("t2", async () =>
        {
            var reversed = await flag.ReadOnce() == 1;
            var (first, second) = reversed ? (a, b) : (b, a);
            await first.Lock();
            await second.Lock();
            await second.Unlock();
            await first.Unlock();
        });
        return Task.CompletedTask;
    }

    /// <summary>wronglock: the writers each lock the shared counter with a lock of their own, so nothing excludes them.</summary>
    public static Task WrongLock(IRuntime rt)
    {
        var counter = rt.NewCell("counter", 0);
        var done = rt.NewAtomic("done", 0);
        const int writers = 3;
        for (var t = 0; t < writers; t++)
        {
            var own = rt.NewMutex($"lock{t}");
            rt.Spawn($"t{t}", async () =>
            {
                await own.Lock();
                await counter.Write(await counter.Read() + 1);
                await own.Unlock();
                if (await done.AddReturn(1) == writers) rt.Assert(counter.Peek() == writers, $"counter {counter.Peek()}");
            });
        }

        return Task.CompletedTask;
    }

    /// <summary>lazy01: three locked updates, one of which asserts a bound that two earlier updates together exceed.</summary>
    public static Task Lazy01(IRuntime rt)
    {
        var data = rt.NewCell("data", 0);
        var guard = rt.NewMutex("m");
        rt.Spawn("t1", () => Add(1));
        rt.Spawn("t2", () => Add(2));
        rt.Spawn("t3", async () =>
        {
            await guard.Lock();
            rt.Assert(await data.Read() < 3, $"data reached {data.Peek()}");
            await guard.Unlock();
        });
        return Task.CompletedTask;

        async Task Add(int delta)
        {
            await guard.Lock();
            await data.Write(await data.Read() + delta);
            await guard.Unlock();
        }
    }

    /// <summary>
    /// twostage: a two-stage update takes lock a to set data1, releases it, then takes b to set
    /// data2 from it. A reader that sees data1 set in between finds data2 stale.
    /// </summary>
    public static Task TwoStage(IRuntime rt)
    {
        var a = rt.NewMutex("a");
        var b = rt.NewMutex("b");
        var data1 = rt.NewCell("data1", 0);
        var data2 = rt.NewCell("data2", 0);
        rt.Spawn("updater", async () =>
        {
            await a.Lock();
            await data1.Write(1);
            await a.Unlock();
            await b.Lock();
            await data2.Write(await data1.ReadOnce() + 1);
            await b.Unlock();
        });
        rt.Spawn("reader", async () =>
        {
            await a.Lock();
            var first = await data1.Read();
            await a.Unlock();
            if (first == 0) return;
            await b.Lock();
            rt.Assert(await data2.Read() == first + 1, $"data2 {data2.Peek()} is stale");
            await b.Unlock();
        });
        return Task.CompletedTask;
    }
}
