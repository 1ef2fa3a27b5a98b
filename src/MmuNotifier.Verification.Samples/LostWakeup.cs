// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// A waiter that tests a flag and then sleeps can miss the wake-up sent between the two; wait_event
/// tests and queues in one step and cannot.
/// </summary>
public static class LostWakeup
{
    public static Task TestThenSleep(IRuntime rt) => Run(rt, useWaitEvent: false);

    public static Task WaitEvent(IRuntime rt) => Run(rt, useWaitEvent: true);

    private static Task Run(IRuntime rt, bool useWaitEvent)
    {
        var done = rt.NewCell("done", false);
        var wq = rt.NewWaitQueue("wq");

        rt.Spawn("waiter", async () =>
        {
            if (useWaitEvent)
                await wq.WaitEvent(done, isDone => isDone);
            else if (!await done.ReadOnce())
                await wq.SleepUntilWoken();
        });
        rt.Spawn("waker", async () =>
        {
            await done.WriteOnce(true);
            await wq.WakeUpAll();
        });
        return Task.CompletedTask;
    }
}
