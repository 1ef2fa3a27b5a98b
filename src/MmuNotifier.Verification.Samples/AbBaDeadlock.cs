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

        static async Task Both(IMutex first, IMutex second)
        {
            await first.Lock();
            await second.Lock();
            await second.Unlock();
            await first.Unlock();
        }

        rt.Spawn("cpu0", () => Both(a, b));
        rt.Spawn("cpu1", () => sameOrder ? Both(a, b) : Both(b, a));
        return Task.CompletedTask;
    }
}
