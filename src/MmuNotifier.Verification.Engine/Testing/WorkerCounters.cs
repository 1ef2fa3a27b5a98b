// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.InteropServices;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// One worker's progress counters: written by that worker after every schedule, read by the
/// progress display. Each worker has its own, padded to whole cache lines on both sides, so a
/// schedule's count is a plain store into a line no other core writes: with one shared counter,
/// two workers on short schedules spent a measurable share of their time passing its line back
/// and forth.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal sealed class WorkerCounters
{
    [FieldOffset(64)] private long _schedules;
    [FieldOffset(72)] private long _steps;
    [FieldOffset(80)] private long _findings;

    public long Schedules => Volatile.Read(ref _schedules);

    public long Steps => Volatile.Read(ref _steps);

    public long Findings => Volatile.Read(ref _findings);

    // One writer: no interlocked operation needed, only stores the reader sees whole.
    public void Schedule(int steps)
    {
        Volatile.Write(ref _steps, _steps + steps);
        Volatile.Write(ref _schedules, _schedules + 1);
    }

    public void Finding() => Volatile.Write(ref _findings, _findings + 1);
}
