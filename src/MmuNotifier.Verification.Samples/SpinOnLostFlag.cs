// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// A liveness bug that needs a schedule: a thread spins (with a yield) for a flag that a worker
/// sets only if it looks before a third thread, after three steps of its own, claims the work. In
/// the schedules where the claim comes first nobody ever sets the flag and, under a fair schedule,
/// the spinner's monitor stays hot past the threshold; in the others the spinner finishes. Unlike
/// <see cref="SpinOnUnsetFlag"/>, where every schedule shows the bug, it measures how soon a fair
/// strategy reaches the losing order (its monitor is the same, and so is its silent twin,
/// spin-on-unset-flag-fixed).
/// </summary>
public static class SpinOnLostFlag
{
    public static Task Run(IRuntime rt)
    {
        var flag = rt.NewCell("flag", false);
        var claimed = rt.NewCell("claimed", false);
        var work = rt.NewCell("work", 0);
        var waiting = rt.NewLivenessMonitor(SpinOnUnsetFlag.Property);

        rt.Spawn("spinner", async () =>
        {
            waiting.Hot("spinner waits for flag");
            while (!await flag.ReadOnce()) await rt.Yield();
            waiting.Cold();
        });
        rt.Spawn("claimer", async () =>
        {
            for (var i = 1; i <= 3; i++) await work.WriteOnce(i);
            await claimed.WriteOnce(true);
        });
        rt.Spawn("worker", async () =>
        {
            if (!await claimed.ReadOnce()) await flag.WriteOnce(true);
        });
        return Task.CompletedTask;
    }
}
