// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.HappensBefore;

/// <summary>
/// A vector clock over logical threads (Lamport 1978; Fidge 1988; Mattern 1989): entry i counts
/// the events of thread i that are known to happen before the holder. The one happens-before
/// representation of the engine: the data-race detector joins clocks along synchronisation
/// (unlock to lock, release to acquire, wake to wait, spawn and join), DPOR along dependence.
/// Threads are numbered densely from 0 in spawn order, as the runtime numbers them.
/// </summary>
public sealed class VectorClock
{
    private int[] _ticks;

    public VectorClock(int threads = 4) => _ticks = new int[Math.Max(1, threads)];

    private VectorClock(int[] ticks) => _ticks = ticks;

    /// <summary>How many of thread <paramref name="thread"/>'s events this clock has seen.</summary>
    public int this[int thread] => thread < _ticks.Length ? _ticks[thread] : 0;

    /// <summary>Counts one more event of <paramref name="thread"/> (the holder's own step).</summary>
    public void Tick(int thread)
    {
        Grow(thread + 1);
        _ticks[thread]++;
    }

    /// <summary>Sets the entry of <paramref name="thread"/> (DPOR records event indices, not counts).</summary>
    public void Set(int thread, int value)
    {
        Grow(thread + 1);
        _ticks[thread] = value;
    }

    /// <summary>Pointwise maximum: afterwards this clock has seen everything <paramref name="other"/> has.</summary>
    public void Join(VectorClock other)
    {
        Grow(other._ticks.Length);
        for (var i = 0; i < other._ticks.Length; i++)
            if (other._ticks[i] > _ticks[i]) _ticks[i] = other._ticks[i];
    }

    /// <summary>True when every entry is at most the other's: all this clock saw happens before <paramref name="other"/>'s holder.</summary>
    public bool LessOrEqual(VectorClock other)
    {
        for (var i = 0; i < _ticks.Length; i++)
            if (_ticks[i] > other[i]) return false;
        return true;
    }

    /// <summary>True when event number <paramref name="eventIndex"/> of <paramref name="thread"/> happens before this clock's holder.</summary>
    public bool HasSeen(int thread, int eventIndex) => this[thread] >= eventIndex;

    public VectorClock Copy() => new((int[])_ticks.Clone());

    /// <summary>Copies <paramref name="other"/> into this clock without allocating when it fits.</summary>
    public void CopyFrom(VectorClock other)
    {
        Grow(other._ticks.Length);
        Array.Copy(other._ticks, _ticks, other._ticks.Length);
        Array.Clear(_ticks, other._ticks.Length, _ticks.Length - other._ticks.Length);
    }

    public void Clear() => Array.Clear(_ticks);

    /// <summary>Back to a new clock of <paramref name="threads"/> entries, all zero (a recycled thread's clock).</summary>
    public void Reset(int threads = 4)
    {
        if (_ticks.Length == threads) Array.Clear(_ticks);
        else _ticks = new int[Math.Max(1, threads)];
    }

    public override string ToString() => $"[{string.Join(", ", _ticks)}]";

    // Exactly to the length asked for, never doubled: a join grows a clock to the other's length,
    // so doubling fed back between two clocks (9 entries and 16 made 18, then 32, 36 ...) and a
    // scenario of 8 threads ran out of memory. Thread ids are dense, so growth stops at the threads.
    private void Grow(int length)
    {
        if (length > _ticks.Length) Array.Resize(ref _ticks, length);
    }
}
