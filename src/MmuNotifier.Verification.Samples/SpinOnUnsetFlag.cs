// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// A liveness bug: a thread spins (with a yield, so other threads get turns) waiting for a flag
/// that the only other thread never sets. No thread ever blocks, so there is no deadlock; under a
/// fair schedule the worker finishes and the spinner's monitor stays hot until the liveness
/// threshold or the step bound, a liveness bug. The twin's worker sets the flag.
/// </summary>
public static class SpinOnUnsetFlag
{
    public const string Property = "spinner-sees-flag";

    public static Task Forgotten(IRuntime rt) => Run(rt, setsFlag: false);

    public static Task Set(IRuntime rt) => Run(rt, setsFlag: true);

    private static Task Run(IRuntime rt, bool setsFlag)
    {
        var flag = rt.NewCell("flag", false);
        var work = rt.NewCell("work", 0);
        var waiting = rt.NewLivenessMonitor(Property);

        rt.Spawn("spinner", async () =>
        {
            waiting.Hot("spinner waits for flag");
            while (!await flag.ReadOnce()) await rt.Yield();
            waiting.Cold();
        });
        rt.Spawn("worker", async () =>
        {
            for (var i = 1; i <= 3; i++) await work.WriteOnce(i);
            if (setsFlag) await flag.WriteOnce(true);
        });
        return Task.CompletedTask;
    }
}
