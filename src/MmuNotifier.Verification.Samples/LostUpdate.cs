// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>Two increments of a shared counter; without a lock one can overwrite the other.</summary>
public static class LostUpdate
{
    public static Task Racy(IRuntime rt) => Run(rt, locked: false);

    public static Task Locked(IRuntime rt) => Run(rt, locked: true);

    private static async Task Run(IRuntime rt, bool locked)
    {
        var counter = rt.NewCell("counter", 0);
        var guard = rt.NewSpinLock("counter_lock");

        async Task Increment()
        {
            if (locked) await guard.Lock();
            var value = await counter.ReadOnce();
            await counter.WriteOnce(value + 1);
            if (locked) await guard.Unlock();
        }

        var a = rt.Spawn("cpu0", Increment);
        var b = rt.Spawn("cpu1", Increment);
        await a.Join();
        await b.Join();
        rt.Assert(counter.Peek() == 2, $"counter is {counter.Peek()} after two increments");
    }
}
