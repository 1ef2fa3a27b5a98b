// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule (LKMM): a load reads some store of its location in coherence order, never one
// that a store it already knows of (by happens-before or by having read or written it) overwrote.
namespace MmuNotifier.Verification.Engine.HappensBefore;

/// <summary>
/// The stores of one location under the weak-memory mode, oldest first, in coherence
/// (modification) order, which is the order the engine executed them in. Each store keeps its
/// thread, that thread's own clock entry when it stored (an epoch, FastTrack style: the store
/// happens before a thread whose clock has at least that entry) and, for a release store or a
/// store after a release fence, the clock it publishes. Bounded as loom and CDSChecker bound it:
/// only the newest <see cref="Capacity"/> stores stay readable, so a very stale value the
/// hardware could still return is not explored (an under-approximation, documented).
/// </summary>
internal sealed class StoreHistory<T>
{
    /// <summary>Stores of one location that stay readable (loom keeps 7).</summary>
    public const int Capacity = 8;

    private readonly Entry[] _ring = new Entry[Capacity];
    private int _start;
    private int _count;
    private long _nextSequence;

    /// <summary>Per thread, the sequence number of the newest store it read or wrote here (coherence); -1 before any.</summary>
    private long[] _lastSeen = [];

    /// <summary>The location's initial value: stored before every thread that can reach it.</summary>
    public StoreHistory(T initial) => Append(new Entry(initial, -1, 0, null, _nextSequence++));

    private readonly record struct Entry(T Value, int Thread, int Epoch, VectorClock? Published, long Sequence);

    public T Newest => At(_count - 1).Value;

    /// <summary>How many stores <paramref name="thread"/> (with clock <paramref name="clock"/>) may read: the newest and the older ones it cannot rule out.</summary>
    public int Candidates(int thread, VectorClock clock)
    {
        var seen = LastSeen(thread);
        for (var i = _count - 1; i > 0; i--)
        {
            var entry = At(i);
            // A store the thread read or wrote, or that happens before it, hides everything older.
            if (entry.Sequence <= seen || entry.Thread == thread || entry.Thread < 0 || clock[entry.Thread] >= entry.Epoch)
                return _count - i;
        }

        return _count;
    }

    /// <summary>
    /// <paramref name="thread"/> reads the store <paramref name="back"/> places older than the
    /// newest (0: the newest, as under sequential consistency): returns its value and the clock
    /// it published, if any.
    /// </summary>
    public (T Value, VectorClock? Published) Read(int thread, int back)
    {
        var entry = At(_count - 1 - back);
        See(thread, entry.Sequence);
        return (entry.Value, entry.Published);
    }

    /// <summary>A new newest store; <paramref name="published"/> is not copied and must not change afterwards.</summary>
    public void Write(int thread, int epoch, T value, VectorClock? published)
    {
        var sequence = _nextSequence++;
        Append(new Entry(value, thread, epoch, published, sequence));
        See(thread, sequence);
    }

    /// <summary>The clock the newest store published (an atomic read-modify-write reads the newest store).</summary>
    public VectorClock? NewestPublished => At(_count - 1).Published;

    private Entry At(int index) => _ring[(_start + index) % Capacity];

    private void Append(Entry entry)
    {
        if (_count == Capacity)
        {
            _ring[_start] = entry;
            _start = (_start + 1) % Capacity;
        }
        else
        {
            _ring[(_start + _count++) % Capacity] = entry;
        }
    }

    private long LastSeen(int thread) => thread < _lastSeen.Length ? _lastSeen[thread] : -1;

    private void See(int thread, long sequence)
    {
        if (thread >= _lastSeen.Length)
        {
            var old = _lastSeen.Length;
            Array.Resize(ref _lastSeen, Math.Max(thread + 1, old * 2));
            Array.Fill(_lastSeen, -1, old, _lastSeen.Length - old);
        }

        if (sequence > _lastSeen[thread]) _lastSeen[thread] = sequence;
    }
}
