// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>
/// What N threads get out of this machine on work that shares nothing: the ceiling for a
/// speedup of N workers. A fixed CPU-bound loop (no allocation, no shared memory) runs on one
/// thread, then on N at once; the ceiling is N times the one-thread time over the N-thread time.
/// On a dedicated machine it is N; on a VM whose virtual cores are not equally fast, or share a
/// host core with someone else's load, it is less, and varies from one moment to the next, so
/// the benches measure it in the same rounds as the workers and quote the two side by side.
/// </summary>
internal static class MachineScaling
{
    /// <summary>Iterations of the reference loop: a few tens of milliseconds on one core.</summary>
    private const long Work = 40_000_000;

    public static double Measure(int threads)
    {
        if (threads < 2) return 1;
        var one = Time(1);
        return Ceiling(threads, one, Time(threads));
    }

    /// <summary>N threads each doing the work of one: N × the one-thread time over the N-thread time (0 for no time).</summary>
    public static double Ceiling(int threads, double oneSeconds, double manySeconds) =>
        manySeconds <= 0 ? 0 : threads * oneSeconds / manySeconds;

    /// <summary>Seconds for <paramref name="threads"/> threads to each run the reference loop once, started together.</summary>
    private static double Time(int threads)
    {
        using var start = new Barrier(threads + 1);
        var sink = new ulong[threads * 8];
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            // One result per cache line, so the threads share no line.
            sink[i * 8] = Spin(Work, (ulong)i + 1);
        }) { IsBackground = true }).ToList();
        foreach (var worker in workers) worker.Start();
        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        foreach (var worker in workers) worker.Join();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>xorshift64: registers only, and a result the JIT cannot drop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Spin(long iterations, ulong state)
    {
        for (long i = 0; i < iterations; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
        }

        return state;
    }
}
