// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.HappensBefore;

namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>
/// The happens-before of one finished execution and its races (Abdulla et al., JACM 2017,
/// Definition 3.3): step i races with a later step j of another thread when they conflict and
/// nothing else orders them. Clocks hold step indices plus one (<see cref="VectorClock.Set"/>).
/// </summary>
internal sealed class RaceAnalysis
{
    private readonly List<DporEvent> _events;
    private readonly VectorClock[] _clocks;
    private readonly int _executed;

    /// <param name="setupParks">Where threads parked before the first step, among those parkings that decide something.</param>
    /// <param name="executed">How many of <paramref name="events"/> ran; those after are where threads were left parked.</param>
    public RaceAnalysis(List<DporEvent> events, int reportFrom, IReadOnlyList<Park> setupParks, int executed = int.MaxValue)
    {
        _events = events;
        _executed = executed;
        _clocks = new VectorClock[events.Count];
        var lastOfThread = new Dictionary<int, int>();
        var spawner = new Dictionary<int, int>();
        var locks = new HeldLocks(events.Count);
        var wakeUps = new WakeUps();
        var gracePeriods = new GracePeriods();
        var writerQueues = new WriterQueues();
        writerQueues.Parked(-1, setupParks);
        gracePeriods.Parked(setupParks);
        for (var j = 0; j < events.Count; j++)
        {
            var e = events[j];
            locks.Step(j, e);
            writerQueues.Step(j, e);
            var clock = lastOfThread.TryGetValue(e.Thread, out var previous) ? _clocks[previous].Copy()
                : spawner.TryGetValue(e.Thread, out var parent) ? _clocks[parent].Copy() : new VectorClock();
            // A thread's first step after it slept happens after the wake-up that woke it: the
            // reversal of the two could never run, and the race that decides whether it sleeps
            // at all is the one between its sleeping step and that wake-up.
            if (wakeUps.WokenBy(e.Thread) is { } wake) clock.Join(_clocks[wake]);
            if (gracePeriods.WaitedFor(e, lastOfThread) is { } exits)
                foreach (var exit in exits) clock.Join(_clocks[exit]);
            for (var m = j - 1; m >= 0; m--)
            {
                var other = events[m];
                if (other.Thread == e.Thread) continue;
                var relation = DporDependence.Between(other, e);
                // A release whose section's opening is unknown (it released a lock its thread did not
                // take in this run) orders nothing: the race with whatever took it must stay visible.
                var opening = relation == Relation.HandsOver ? locks.OpenedBy(m) : null;
                if (relation == Relation.HandsOver && opening is null) relation = Relation.Independent;
                if (relation == Relation.Independent || clock.HasSeen(other.Thread, m + 1)) continue;
                if (j >= reportFrom)
                {
                    // A reader that waited behind a queued writer could not have gone first: the race
                    // that orders them is the one between where they parked.
                    if (relation == Relation.Conflict && (locks.OpeningAcquire(m, e) ?? m) is var earlier && !writerQueues.ReaderWaitedBehind(earlier, j))
                        Races.Add((earlier, j));
                    if (opening is { } acquire && !clock.HasSeen(other.Thread, acquire + 1) && !writerQueues.ReaderWaitedBehind(acquire, j))
                        Races.Add((acquire, j));
                }

                clock.Join(_clocks[m]);
            }

            clock.Set(e.Thread, j + 1);
            _clocks[j] = clock;
            wakeUps.Step(j, e);
            gracePeriods.Step(j, e);
            lastOfThread[e.Thread] = j;
            for (var child = e.ThreadsBefore; child < e.ThreadCount; child++) spawner[child] = j;
        }
    }

    /// <summary>The races (earlier step, later step) whose later step is at or after the index asked for.</summary>
    public List<(int Earlier, int Later)> Races { get; } = [];

    /// <summary>
    /// The step that stopped the run (a bug it made or a monitor it failed) against the parked
    /// steps of the threads that could still have run: the stop kept them from running after it,
    /// so each races with it whatever both touch. Without these races a thread whose next step
    /// commutes with the stop was never run before it, nor were its later steps, which may not
    /// (t0: kfree(o); kfree(o) || t1: trylock(s); unlock(s); o->f = 1: the double free stopped
    /// every run before t1's use of o after the first kfree was ever reached).
    /// </summary>
    public void StoppedBy(int stop, IReadOnlyList<int> enabled)
    {
        var stopper = _events[stop].Thread;
        for (var u = _executed; u < _events.Count; u++)
        {
            var parked = _events[u].Thread;
            if (parked != stopper && enabled.Contains(parked) && !_clocks[u].HasSeen(stopper, stop + 1) && !Races.Contains((stop, u)))
                Races.Add((stop, u));
        }
    }

    /// <summary>
    /// notdep(e_i).e_j: the steps between i and j that do not happen after i, then j. Of the
    /// threads left parked, only j's own step: the others never ran in this execution, so a
    /// sequence that asked for them first would ask for a thread that was blocked (a deadlocked
    /// run's joins of one another, say) and be dropped with the order j stands for. Nor the step
    /// that stopped the run: j's step, which it kept from running, would never come after it.
    /// </summary>
    public List<DporEvent> Reversal(int i, int j)
    {
        var thread = _events[i].Thread;
        var sequence = new List<DporEvent>();
        for (var k = i + 1; k < Math.Min(j, _executed); k++)
            if (!_clocks[k].HasSeen(thread, i + 1) && !_events[k].StoppedRun) sequence.Add(_events[k]);
        sequence.Add(_events[j]);
        return sequence;
    }
}

/// <summary>
/// Which locks each step's thread held when the step ran, with the step that took them (a blocking
/// acquire, or a trylock that succeeded). A race
/// between a step inside a critical section of lock L and a later blocking acquire of L cannot be
/// reversed (the acquire is disabled while L is held); the race that orders the two is the one
/// between the acquire that opened the section and the later acquire, which the first race hides
/// from happens-before. <see cref="OpeningAcquire"/> names that acquire (Abdulla et al., JACM
/// 2017, treat a lock's critical sections through their acquires the same way).
/// </summary>
internal sealed class HeldLocks(int count)
{
    private readonly Dictionary<int, List<(int Lock, int Acquire, bool Read)>> _byThread = [];
    private readonly List<(int Lock, int Acquire, bool Read)>?[] _heldAt = new List<(int, int, bool)>?[count];
    private readonly Dictionary<int, int> _opening = [];

    public void Step(int index, DporEvent e)
    {
        if (!_byThread.TryGetValue(e.Thread, out var held)) _byThread[e.Thread] = held = [];
        if (held.Count > 0) _heldAt[index] = [.. held];
        switch (e.Kind)
        {
            case AccessKind.Acquire: held.Add((e.Target, index, false)); break;
            case AccessKind.AcquireRead: held.Add((e.Target, index, true)); break;
            case AccessKind.TryAcquire when e.TryLockTaken: held.Add((e.Target, index, false)); break;
            case AccessKind.TryAcquireRead when e.TryLockTaken: held.Add((e.Target, index, true)); break;
            case AccessKind.Release or AccessKind.ReleaseRead:
                var at = held.FindLastIndex(h => h.Lock == e.Target);
                if (at < 0) break;
                _opening[index] = held[at].Acquire;
                held.RemoveAt(at);
                break;
        }
    }

    /// <summary>The acquire whose section release step <paramref name="release"/> closed, if it closed one.</summary>
    public int? OpenedBy(int release) => _opening.TryGetValue(release, out var acquire) ? acquire : null;

    /// <summary>The acquire that opened the section of <paramref name="later"/>'s lock step <paramref name="earlier"/> ran in, when <paramref name="later"/> would block on it.</summary>
    public int? OpeningAcquire(int earlier, DporEvent later)
    {
        if (later.Kind is not (AccessKind.Acquire or AccessKind.AcquireRead) || _heldAt[earlier] is not { } held) return null;
        foreach (var (lockId, acquire, read) in held)
            if (lockId == later.Target && !(read && later.Kind == AccessKind.AcquireRead) && acquire != earlier) return acquire;
        return null;
    }
}

/// <summary>
/// Which step ended each sleep: a step that left its thread asleep on a queue, then the first
/// wake_up of that queue after it (a wake-up wakes every sleeper of its queue); or one that left
/// it at a barrier, then the arrival that completed the round (it lets every waiter of the round go).
/// </summary>
internal sealed class WakeUps
{
    private readonly Dictionary<int, int> _asleepOn = [];
    private readonly Dictionary<int, int> _wokenBy = [];
    /// <summary>Threads let go by a barrier's last arrival whose next step leaves the barrier (not a new arrival).</summary>
    private readonly HashSet<int> _leavingBarrier = [];

    public void Step(int index, DporEvent e)
    {
        if (e.Slept)
        {
            _asleepOn[e.Thread] = e.Target;
            return;
        }

        switch (e.Kind)
        {
            case AccessKind.Wake:
                WakeAll(e.Target, index, leavesBarrier: false);
                break;
            case AccessKind.BarrierWait when !_leavingBarrier.Remove(e.Thread):
                // An arrival that did not sleep was the last of its round.
                WakeAll(e.Target, index, leavesBarrier: true);
                break;
        }
    }

    private void WakeAll(int target, int index, bool leavesBarrier)
    {
        foreach (var (thread, _) in _asleepOn.Where(s => s.Value == target).ToList())
        {
            _asleepOn.Remove(thread);
            _wokenBy[thread] = index;
            if (leavesBarrier) _leavingBarrier.Add(thread);
        }
    }

    /// <summary>The step that ended <paramref name="thread"/>'s sleep, once, at its first step after it; null when it did not sleep.</summary>
    public int? WokenBy(int thread) => _wokenBy.Remove(thread, out var wake) ? wake : null;

    /// <summary>Whether <paramref name="thread"/> is asleep after the steps seen so far, with nothing come to end it.</summary>
    public bool IsAsleep(int thread) => _asleepOn.ContainsKey(thread);

    /// <summary>The sleepers left when <paramref name="events"/> are over.</summary>
    public static WakeUps After(List<DporEvent> events)
    {
        var wakeUps = new WakeUps();
        for (var k = 0; k < events.Count; k++) wakeUps.Step(k, events[k]);
        return wakeUps;
    }
}
