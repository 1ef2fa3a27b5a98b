// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>What a strategy sees at a scheduling point: the enabled threads and what each is about to do.</summary>
public readonly ref struct SchedulingView
{
    private readonly IPendingAccessView _pending;

    public SchedulingView(ReadOnlySpan<int> enabled, int previous, int step, IPendingAccessView pending)
    {
        Enabled = enabled;
        Previous = previous;
        Step = step;
        _pending = pending;
    }

    /// <summary>Ids of the threads that can run, in ascending order.</summary>
    public ReadOnlySpan<int> Enabled { get; }

    /// <summary>The thread that ran the previous step, or -1 at the start of a run.</summary>
    public int Previous { get; }

    /// <summary>Number of steps already taken in this run.</summary>
    public int Step { get; }

    public bool PreviousIsEnabled => Previous >= 0 && Enabled.Contains(Previous);

    public PendingAccess Pending(int threadId) => _pending.GetPending(threadId);
}

/// <summary>
/// The access a thread is blocked at; <paramref name="Reads"/>: cells it reads besides its target (a wait_event condition's), or null;
/// <paramref name="OwnerId"/>: the allocation (lifetime) the target lives in, or -1;
/// <paramref name="DecidedAtPark"/>: parking there settled part of how the access will run (the target's
/// <c>DecidesAtPark</c>: an SRCU wait's readers, an rw-semaphore's queue position).
/// </summary>
public readonly record struct PendingAccess(AccessKind Kind, string Target, int TargetId, IReadOnlyList<ObjectRef>? Reads = null, int OwnerId = -1,
    bool DecidedAtPark = false);

/// <summary>Lets a strategy inspect pending accesses (DPOR and race detection need them).</summary>
public interface IPendingAccessView
{
    PendingAccess GetPending(int threadId);
}
