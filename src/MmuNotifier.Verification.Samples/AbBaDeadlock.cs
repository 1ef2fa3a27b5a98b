// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>Two locks taken in opposite orders by two threads: each can end up holding what the other needs.</summary>
public static class AbBaDeadlock
{
    public static Task OppositeOrder(IRuntime rt) => Run(rt, sameOrder: false);

    public static Task SameOrder(IRuntime rt) => Run(rt, sameOrder: true);

    private static Task Run(IRuntime rt, bool sameOrder)
    {
        var a = rt.NewMutex("lock_a");
        var b = rt.NewMutex("lock_b");

        rt.Spawn("cpu0", () => Nested(a, b));
        rt.Spawn("cpu1", () => sameOrder ? Nested(a, b) : Nested(b, a));
        return Task.CompletedTask;
    }

    /// <summary>Takes <paramref name="outer"/>, then <paramref name="inner"/> inside it, and drops both.</summary>
    internal static async Task Nested(IMutex outer, IMutex inner)
    {
        await outer.Lock();
        await inner.Lock();
        await inner.Unlock();
        await outer.Unlock();
    }
}
