// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>A thread acquires a lockdep map on a path that forgets the release: lockdep's "lock held when returning".</summary>
public static class LockMapHeldAtExit
{
    public static Task Forgotten(IRuntime rt) => Run(rt, release: false);

    public static Task Released(IRuntime rt) => Run(rt, release: true);

    private static async Task Run(IRuntime rt, bool release)
    {
        var map = rt.NewLockMap("invalidate_range_start_map");
        var work = rt.NewCell("work", 0);

        async Task Invalidate()
        {
            map.Acquire();
            var value = await work.ReadOnce();
            if (value == 0 && !release) return;  // the early return skips the release
            map.Release();
        }

        await rt.Spawn("cpu0", Invalidate).Join();
    }
}
