// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Runtime;

internal sealed partial class ControlledRuntime
{
    private readonly List<int> _touched = [];
    private IStepObserver? _stepObserver;

    /// <summary>Bits of the watched monitors the current step touched (<see cref="ExecutedStep.WatchedViews"/>).</summary>
    private ulong WatchedViews { get; set; }

    /// <summary>Bits of the unwatched monitors whose reads the current step changed (<see cref="ExecutedStep.ChangedViews"/>).</summary>
    private ulong ChangedViews { get; set; }

    /// <summary>A lifetime was checked by model code between scheduling points (only recorded for an observing strategy).</summary>
    internal void NoteTouch(ControlledPrimitive lifetime)
    {
        // A list or tree walk touches one allocation many times in a step: note it once in a row.
        if (_stepObserver is not null && (_touched.Count == 0 || _touched[^1] != lifetime.Id)) _touched.Add(lifetime.Id);
    }

    /// <summary>A step as <see cref="Step"/> runs it, then told to the observing strategy with what it did.</summary>
    private void ObservedStep(LogicalThread thread)
    {
        var access = GetPending(thread.ThreadId);
        var threadsBefore = _threads.Count;
        _touched.Clear();
        WatchedViews = 0;
        ChangedViews = 0;
        Step(thread);
        var next = !_stopped && thread.Target is not null ? GetPending(thread.ThreadId) : (PendingAccess?)null;
        // The result stays on the thread until its next access runs, a later step.
        var tryLockTaken = access.Kind is AccessKind.TryAcquire or AccessKind.TryAcquireRead && thread.ResultBool;
        _stepObserver!.StepTaken(new ExecutedStep(thread.ThreadId, thread.Id, access, next, threadsBefore,
            _threads.Count, WatchedViews, ChangedViews, _touched.Count == 0 ? null : _touched.ToArray(), thread.Sleeping,
            SpawnedPending(threadsBefore), tryLockTaken));
    }

    /// <summary>The threads parked at an access and not finished: before the first step, or those left when the run ended.</summary>
    private List<(int Thread, PendingAccess Access)> ParkedThreads()
    {
        var unfinished = new List<(int, PendingAccess)>();
        foreach (var thread in _threads)
            if (!thread.IsCompleted && thread.Target is not null) unfinished.Add((thread.ThreadId, GetPending(thread.ThreadId)));
        return unfinished;
    }

    /// <summary>Where each thread spawned since <paramref name="threadsBefore"/> parked, or null when none was.</summary>
    private PendingAccess?[]? SpawnedPending(int threadsBefore)
    {
        if (_threads.Count == threadsBefore) return null;
        var pending = new PendingAccess?[_threads.Count - threadsBefore];
        for (var i = 0; i < pending.Length; i++)
            if (!_stopped && _threads[threadsBefore + i].Target is not null) pending[i] = GetPending(threadsBefore + i);
        return pending;
    }
}
