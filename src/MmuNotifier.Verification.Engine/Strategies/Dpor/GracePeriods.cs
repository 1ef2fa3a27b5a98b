// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>
/// What each SRCU wait of an execution waited for. synchronize_srcu returns only once every
/// reader that was inside when it parked has left, and srcu_barrier only once every callback
/// queued before it has run: those exits happen before the wait's step. Without the edge a
/// reversal could move the wait before a reader's srcu_read_unlock and ask for a thread still
/// blocked; the race that decides whether it waits for a reader at all is the one between its
/// parking step and that reader's srcu_read_lock (<see cref="DporDependence"/>'s park conflict).
/// </summary>
internal sealed class GracePeriods
{
    private readonly Dictionary<int, List<(int Thread, int Lock)>> _openSections = [];
    private readonly Dictionary<int, int> _unlockOfSection = [];
    private readonly Dictionary<int, List<int>> _callbacksOf = [];
    private readonly Dictionary<int, List<int>> _waitingFor = [];

    /// <summary>
    /// The earlier steps that <paramref name="e"/>'s SRCU wait waited for (null when it is no such
    /// wait); <paramref name="lastOfThread"/> is each thread's latest step so far, a finished callback's last.
    /// </summary>
    public List<int>? WaitedFor(DporEvent e, IReadOnlyDictionary<int, int> lastOfThread)
    {
        if (e.Kind is not (AccessKind.Synchronize or AccessKind.SrcuBarrier) || !_waitingFor.Remove(e.Thread, out var waited)) return null;
        if (e.Kind == AccessKind.Synchronize)
            return waited.Where(_unlockOfSection.ContainsKey).Select(section => _unlockOfSection[section]).ToList();
        return waited.Where(lastOfThread.ContainsKey).Select(callback => lastOfThread[callback]).ToList();
    }

    public void Step(int index, DporEvent e)
    {
        switch (e.Kind)
        {
            case AccessKind.SrcuReadLock:
                OpenSections(e.Target).Add((e.Thread, index));
                break;
            case AccessKind.SrcuReadUnlock:
                var open = OpenSections(e.Target);
                var at = open.FindLastIndex(s => s.Thread == e.Thread);
                if (at < 0) break;
                _unlockOfSection[open[at].Lock] = index;
                open.RemoveAt(at);
                break;
            case AccessKind.CallSrcu:
                // The callback's thread, spawned here, waits for the readers inside now, even when
                // spawning is a scheduling point and it parks at its wait only in a later step.
                for (var callback = e.ThreadsBefore; callback < e.ThreadCount; callback++)
                {
                    _waitingFor[callback] = ReadersInside(e.Target);
                    Callbacks(e.Target).Add(callback);
                }

                break;
        }

        Parked(e.Parks);
    }

    /// <summary>Threads parked at an SRCU wait: it waits for the readers inside, or the callbacks queued, by then.</summary>
    public void Parked(IReadOnlyList<Park> parks)
    {
        foreach (var park in parks)
        {
            if (park.IsSrcuWait)
                _waitingFor.TryAdd(park.Thread, park.Kind == AccessKind.Synchronize ? ReadersInside(park.Target) : [.. Callbacks(park.Target)]);
        }
    }

    private List<int> ReadersInside(int domain) => OpenSections(domain).Select(s => s.Lock).ToList();

    private List<(int Thread, int Lock)> OpenSections(int domain) =>
        _openSections.TryGetValue(domain, out var open) ? open : _openSections[domain] = [];

    private List<int> Callbacks(int domain) => _callbacksOf.TryGetValue(domain, out var callbacks) ? callbacks : _callbacksOf[domain] = [];
}
