// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule (LKMM): a marked load may read an older store unless coherence or happens-before rules it out.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.HappensBefore;
using MmuNotifier.Verification.Engine.Primitives;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>A location that keeps a <see cref="StoreHistory{T}"/> under the weak-memory mode (cells, atomics).</summary>
internal interface IKeepsStores;

/// <summary>
/// The weak-memory mode (CDSChecker / loom style). Cells and atomics keep a
/// <see cref="StoreHistory{T}"/>; a marked load asks <see cref="ReadStore{T}"/> which store it
/// reads, a decision recorded in the schedule like a choice (none when only one store is
/// possible, so a program without stale reads has the same schedules as under sc). Orderings move
/// thread clocks, the same clocks the data-race detector uses: a load-acquire that reads a release
/// store takes in the clock the store published; smp_wmb makes later stores publish the clock of
/// the fence; smp_rmb takes in what earlier loads read; smp_mb does both and joins the global
/// fence order (<see cref="ControlledFence"/>).
/// </summary>
internal sealed partial class ControlledRuntime
{
    private readonly VectorClock _fenceClock = new();
    private ControlledFence? _fence;

    /// <summary>Which stores marked loads may read; <see cref="MemoryModel.Sc"/> unless an exploration asks for lkmm.</summary>
    public MemoryModel MemoryModel { get; set; }

    internal bool LkmmOn => MemoryModel == MemoryModel.Lkmm;

    /// <summary>Thread clocks are kept for the data-race detector and for the weak-memory mode.</summary>
    private bool ClocksOn => KcsanOn || LkmmOn;

    public ValueTask SmpMb() => LkmmOn ? (_fence ??= new ControlledFence(this)).Start() : default;

    public void SmpWmb()
    {
        if (LkmmOn) ReleaseFence(Current);
    }

    public void SmpRmb()
    {
        if (LkmmOn) AcquireFence(Current);
    }

    private void ResetLkmm() => _fenceClock.Clear();

    /// <summary>A store history for a new cell or atomic, or null under sc.</summary>
    internal StoreHistory<T>? NewStoreHistory<T>(T initial) => LkmmOn ? new StoreHistory<T>(initial) : null;

    /// <summary>
    /// A marked load by <paramref name="thread"/>: picks the store it reads among those it may
    /// (0 is the newest), applies the load's ordering and returns the value.
    /// </summary>
    internal T ReadStore<T>(StoreHistory<T> history, LogicalThread thread, bool acquire)
    {
        var candidates = history.Candidates(thread.ThreadId, thread.Clock);
        var back = candidates > 1 ? NextChoice(candidates) : 0;
        var (value, published) = history.Read(thread.ThreadId, back);
        if (back > 0 && IsTracing) Annotate($"lkmm: reads the store {back} older than the newest");
        TakeIn(thread, published, acquire);
        return value;
    }

    /// <summary>A plain load or a read-modify-write's read: the newest store (RMW atomicity; a plain load that could read older is a data race).</summary>
    internal T ReadNewest<T>(StoreHistory<T> history, LogicalThread thread, bool acquire)
    {
        var (value, published) = history.Read(thread.ThreadId, 0);
        TakeIn(thread, published, acquire);
        return value;
    }

    /// <summary>
    /// A store by <paramref name="thread"/>. A release store publishes the thread's clock; any
    /// other publishes the clock of its last release fence; <paramref name="carried"/> is what the
    /// read of a read-modify-write took in from a release chain, which its store passes on.
    /// </summary>
    internal void WriteStore<T>(StoreHistory<T> history, LogicalThread thread, T value, bool release, VectorClock? carried = null)
    {
        var epoch = thread.Clock[thread.ThreadId];
        VectorClock? published;
        if (release)
        {
            published = thread.Clock.Copy();
            if (carried is not null) published.Join(carried);
            // The writer's clock moves past the release only once KCSAN has recorded this store
            // (KcsanAfterStep): recorded after the tick, the store's epoch would be newer than
            // the clock it published, and an acquire that read it would not order later accesses.
            thread.ReleaseTickPending = true;
        }
        else if (carried is not null)
        {
            published = carried.Copy();
            if (thread.FenceRelease is { } fence) published.Join(fence);
        }
        else
        {
            published = thread.FenceRelease;
        }

        history.Write(thread.ThreadId, epoch, value, published);
    }

    /// <summary>smp_mb(): an acquire fence, a step in the global fence order, a release fence.</summary>
    internal void FullFence(LogicalThread thread)
    {
        AcquireFence(thread);
        thread.Clock.Join(_fenceClock);
        _fenceClock.Join(thread.Clock);
        ReleaseFence(thread);
        if (_fence is not null) NoteTouch(_fence);
    }

    /// <summary>A full fence made from inside an atomic's step (a fully ordered RMW); makes the fence object on first use.</summary>
    internal void FullFenceInStep(LogicalThread thread)
    {
        _fence ??= new ControlledFence(this);
        FullFence(thread);
    }

    /// <summary>
    /// SRCU's ordering under weak memory: srcu_read_lock and srcu_read_unlock contain a full
    /// barrier in the kernel, and synchronize_srcu implies one on return, so a reader whose
    /// section starts after a grace period ended sees every store made before that grace period
    /// began (the RCU guarantee). Modelled as full fences at those steps.
    /// </summary>
    private void LkmmAfterStep(LogicalThread thread, bool done)
    {
        if (thread.Kind is AccessKind.SrcuReadLock or AccessKind.SrcuReadUnlock || (done && thread.Kind == AccessKind.Synchronize))
            FullFenceInStep(thread);
    }

    private static void TakeIn(LogicalThread thread, VectorClock? published, bool acquire)
    {
        if (published is null) return;
        if (acquire) thread.Clock.Join(published);
        else (thread.PendingAcquire ??= new VectorClock()).Join(published);
    }

    private static void ReleaseFence(LogicalThread thread)
    {
        thread.FenceRelease = thread.Clock.Copy();
        thread.Clock.Tick(thread.ThreadId);
    }

    private static void AcquireFence(LogicalThread thread)
    {
        if (thread.PendingAcquire is not { } pending) return;
        thread.Clock.Join(pending);
        pending.Clear();
    }
}
