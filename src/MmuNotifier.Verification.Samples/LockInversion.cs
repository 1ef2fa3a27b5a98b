// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// AB in one thread, BA in another, with a join in between: no schedule can deadlock, but the
/// lock order is inverted, which lockdep reports from its dependency graph alone.
/// </summary>
public static class LockInversion
{
    public static Task Inverted(IRuntime rt) => Run(rt, sameOrder: false);

    public static Task SameOrder(IRuntime rt) => Run(rt, sameOrder: true);

    private static async Task Run(IRuntime rt, bool sameOrder)
    {
        var a = rt.NewMutex("lock_a");
        var b = rt.NewMutex("lock_b");

        await rt.Spawn("cpu0", () => AbBaDeadlock.Nested(a, b)).Join();
        await rt.Spawn("cpu1", () => sameOrder ? AbBaDeadlock.Nested(a, b) : AbBaDeadlock.Nested(b, a)).Join();
    }
}
