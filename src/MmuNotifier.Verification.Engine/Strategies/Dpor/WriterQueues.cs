// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>
/// The writer queues of an execution's rw-semaphores, rebuilt from its steps by the rule
/// <see cref="Primitives.ControlledRwSemaphore"/> keeps: a down_write that parks on a taken
/// semaphore is queued there, one that parks on a free semaphore when it is next taken, and a
/// down_read waits behind the writers queued before it parked. A reader that waited behind a
/// writer was not enabled until that writer had taken the semaphore and let it go, so the race
/// between the two acquires cannot be reversed; the race that decides whether the reader waits
/// behind the writer at all is the one between their parkings (<see cref="DporDependence"/>'s
/// park conflict). Threads parked before the first step count as parked at step -1
/// (<see cref="IStepObserver.RunStarted"/>): a writer among them is queued by the semaphore's first take.
/// </summary>
internal sealed class WriterQueues
{
    /// <summary>Holders of each lock, counted over every lock (only rw-semaphores have parked writers).</summary>
    private readonly Dictionary<int, int> _holders = [];

    /// <summary>Writers parked at down_write on each semaphore, each with the step it was queued at (-1 while not queued).</summary>
    private readonly Dictionary<int, List<(int Thread, int QueuedAt)>> _writers = [];

    /// <summary>Readers parked at down_read: thread to the step it parked at.</summary>
    private readonly Dictionary<int, int> _readerParks = [];

    /// <summary>Each writer acquire's step to the step its writer was queued at.</summary>
    private readonly Dictionary<int, int> _writerQueuedAt = [];

    /// <summary>Each reader acquire's step to the step its reader parked at.</summary>
    private readonly Dictionary<int, int> _readerParkedAt = [];

    /// <summary>Step <paramref name="index"/>: its access, then where it parked threads (in that order, as the semaphore sees them).</summary>
    public void Step(int index, DporEvent e)
    {
        switch (e.Kind)
        {
            case AccessKind.Acquire:
                if (TakeParkedWriter(e.Target, e.Thread) is var since and >= 0) _writerQueuedAt[index] = since;
                Take(e.Target, index);
                break;
            case AccessKind.AcquireRead:
                if (_readerParks.Remove(e.Thread, out var parked)) _readerParkedAt[index] = parked;
                Take(e.Target, index);
                break;
            case AccessKind.TryAcquire or AccessKind.TryAcquireRead when e.TryLockTaken:
                Take(e.Target, index);
                break;
            case AccessKind.Release or AccessKind.ReleaseRead:
                if (_holders.TryGetValue(e.Target, out var holders) && holders > 0) _holders[e.Target] = holders - 1;
                break;
        }

        Parked(index, e.Parks);
    }

    /// <summary>Threads parked by step <paramref name="index"/> (-1: before the first step, when every semaphore is free).</summary>
    public void Parked(int index, IReadOnlyList<Park> parks)
    {
        foreach (var park in parks)
        {
            if (park.Kind == AccessKind.Acquire) Writers(park.Target).Add((park.Thread, Held(park.Target) ? index : -1));
            else if (park.Kind == AccessKind.AcquireRead) _readerParks[park.Thread] = index;
        }
    }

    /// <summary>Whether the reader acquire at <paramref name="readerAcquire"/> waited behind the writer whose acquire is at <paramref name="writerAcquire"/>.</summary>
    public bool ReaderWaitedBehind(int writerAcquire, int readerAcquire) =>
        _writerQueuedAt.TryGetValue(writerAcquire, out var queued) && _readerParkedAt.TryGetValue(readerAcquire, out var parked) && queued < parked;

    private bool Held(int semaphore) => _holders.TryGetValue(semaphore, out var holders) && holders > 0;

    private List<(int Thread, int QueuedAt)> Writers(int semaphore) =>
        _writers.TryGetValue(semaphore, out var writers) ? writers : _writers[semaphore] = [];

    /// <summary>The step <paramref name="thread"/>, parked at down_write, was queued at (-1: never); it is no longer parked.</summary>
    private int TakeParkedWriter(int semaphore, int thread)
    {
        if (!_writers.TryGetValue(semaphore, out var writers)) return -1;
        var at = writers.FindIndex(w => w.Thread == thread);
        if (at < 0) return -1;
        var queuedAt = writers[at].QueuedAt;
        writers.RemoveAt(at);
        return queuedAt;
    }

    /// <summary>The semaphore got taken: the writers parked at it and not yet queued join the queue now.</summary>
    private void Take(int semaphore, int index)
    {
        _holders[semaphore] = (_holders.TryGetValue(semaphore, out var holders) ? holders : 0) + 1;
        if (!_writers.TryGetValue(semaphore, out var writers)) return;
        for (var i = 0; i < writers.Count; i++)
            if (writers[i].QueuedAt < 0) writers[i] = (writers[i].Thread, index);
    }
}
