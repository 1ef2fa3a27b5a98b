// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>
/// What N threads get out of this machine on work that shares nothing: the ceiling for a
/// speedup of N workers. A fixed loop (no allocation, no shared memory) runs on one thread, then
/// on N at once; the ceiling is N times the one-thread time over the N-thread time. On a
/// dedicated machine it is N; on a VM whose virtual cores are not equally fast, or share a host
/// core with someone else's load, it is less, and varies from one moment to the next, so the
/// benches measure it in the same rounds as the workers and quote the two side by side.
/// <para>
/// Two loops, because a shared host core does not slow all work alike. The ALU loop is one chain
/// of dependent register operations: it leaves most of a core idle, so a sibling hardware thread
/// on the host hardly slows it. The branchy loop is what an exploration engine does: loads and
/// stores all over a table the size of a core's cache, behind branches no predictor can learn.
/// It competes for what a shared core has least of, so it is the ceiling for an engine's speedup.
/// </para>
/// </summary>
internal static class MachineScaling
{
    /// <summary>Iterations of the ALU loop: a few tens of milliseconds on one core.</summary>
    private const long AluWork = 40_000_000;

    /// <summary>Iterations of the branchy loop: about as long as the ALU loop's.</summary>
    private const long BranchyWork = 6_000_000;

    /// <summary>Entries of the branchy loop's table: 256 KiB, resident in a core's own cache but not in its L1.</summary>
    private const int TableSize = 1 << 16;

    public static MachineCeiling Measure(int threads)
    {
        if (threads < 2) return new MachineCeiling(1, 1);
        var alu = Ceiling(threads, Time(1, Alu), Time(threads, Alu));
        var branchy = Ceiling(threads, Time(1, Branchy), Time(threads, Branchy));
        return new MachineCeiling(alu, branchy);
    }

    /// <summary>N threads each doing the work of one: N × the one-thread time over the N-thread time (0 for no time).</summary>
    public static double Ceiling(int threads, double oneSeconds, double manySeconds) =>
        manySeconds <= 0 ? 0 : threads * oneSeconds / manySeconds;

    /// <summary>Seconds for <paramref name="threads"/> threads to each run <paramref name="loop"/> once, started together.</summary>
    private static double Time(int threads, Func<ulong, ulong> loop)
    {
        using var start = new Barrier(threads + 1);
        var sink = new ulong[threads * 8];
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            // One result per cache line, so the threads share no line.
            sink[i * 8] = loop((ulong)i + 1);
        }) { IsBackground = true }).ToList();
        foreach (var worker in workers) worker.Start();
        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        foreach (var worker in workers) worker.Join();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>xorshift64: registers only, and a result the JIT cannot drop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Alu(ulong state)
    {
        for (long i = 0; i < AluWork; i++)
            state = Next(state);

        return state;
    }

    /// <summary>xorshift64 picks a table entry and which way to branch; each thread has a table of its own.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Branchy(ulong state)
    {
        var table = new int[TableSize];
        ulong sum = 0;
        for (long i = 0; i < BranchyWork; i++)
        {
            state = Next(state);
            var slot = (int)(state & (TableSize - 1));
            if ((state & 0x100_0000) != 0) sum += (ulong)table[slot]++;
            else table[slot ^ 5] += (int)sum;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Next(ulong state)
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
}

/// <summary>The ceilings of <see cref="MachineScaling"/> measured together: its ALU loop's and its branchy loop's.</summary>
internal readonly record struct MachineCeiling(double Alu, double Branchy);
