// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// A thread that takes a mutex inside a spinlock on one path only: the bug shows in the
/// schedules where another thread has set the flag first.
/// </summary>
public static class SleepUnderSpinlock
{
    public static Task MutexInside(IRuntime rt) => Run(rt, mutexInside: true);

    public static Task MutexOutside(IRuntime rt) => Run(rt, mutexInside: false);

    private static Task Run(IRuntime rt, bool mutexInside)
    {
        var spin = rt.NewSpinLock("spin");
        var mutex = rt.NewMutex("mutex");
        var slowPath = rt.NewCell("slow_path", false);

        rt.Spawn("cpu0", async () => await slowPath.WriteOnce(true));
        rt.Spawn("cpu1", async () =>
        {
            var slow = false;
            if (!mutexInside)
            {
                slow = await slowPath.ReadOnce();
                if (slow) await mutex.Lock();
            }

            await spin.Lock();
            if (mutexInside)
            {
                slow = await slowPath.ReadOnce();
                if (slow) await mutex.Lock();
            }

            await spin.Unlock();
            if (slow) await mutex.Unlock();
        });
        return Task.CompletedTask;
    }
}
