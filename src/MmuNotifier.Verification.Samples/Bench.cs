// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>The benchmark body: three threads, each 100 accesses to shared cells, no blocking.</summary>
public static class Bench
{
    public const int Threads = 3;
    public const int StepsPerThread = 100;

    public static Task ThreeByHundred(IRuntime rt)
    {
        var shared = rt.NewCell("shared", 0L);
        for (var t = 0; t < Threads; t++)
        {
            var own = rt.NewCell($"own{t}", 0L);
            rt.Spawn($"cpu{t}", async () =>
            {
                for (var i = 0; i < StepsPerThread / 2; i++)
                {
                    var seen = await shared.ReadOnce();
                    await own.WriteOnce(seen + i);
                }
            });
        }

        return Task.CompletedTask;
    }
}
