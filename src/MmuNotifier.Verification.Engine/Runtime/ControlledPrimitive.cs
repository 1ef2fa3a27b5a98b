// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Primitives;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// Base of every object a scheduling point can name. The engine asks it whether a thread's
/// pending access can proceed (blocking is the enabled set, never spinning) and then lets it
/// carry the access out, atomically, before the thread resumes.
/// </summary>
internal abstract class ControlledPrimitive
{
    protected ControlledPrimitive(ControlledRuntime runtime, string name, ControlledLifetime? owner)
    {
        Runtime = runtime;
        Name = name;
        Owner = owner;
        Id = runtime.NextObjectId();
    }

    /// <summary>An engine-wide object with a fixed identity outside the run's numbering.</summary>
    protected ControlledPrimitive(ControlledRuntime runtime, string name, int fixedId)
    {
        Runtime = runtime;
        Name = name;
        Id = fixedId;
    }

    internal ControlledRuntime Runtime { get; }

    public string Name { get; private protected set; }

    /// <summary>Creation order within the run: a stable identity for the determinism check.</summary>
    public int Id { get; private protected set; }

    /// <summary>The allocation this object lives in; accessing it after the free is a use-after-free.</summary>
    public ControlledLifetime? Owner { get; private set; }

    /// <summary>The data-race detector: the clock this object's releases published (made on first release).</summary>
    public HappensBefore.VectorClock? SyncClock { get; set; }

    /// <summary>The data-race detector: the accesses to this location (cells only; made on first access).</summary>
    public HappensBefore.AccessShadow? Shadow { get; private set; }

    // An earlier run's clock and shadow, emptied when this object is next given them: a renewed
    // primitive gets them back on its first release or access as if they were new.
    private HappensBefore.VectorClock? _spareClock;
    private HappensBefore.AccessShadow? _spareShadow;

    /// <summary>The clock releases publish in, made (or taken back from an earlier run, empty) on the first release.</summary>
    public HappensBefore.VectorClock PublishedClock()
    {
        if (SyncClock is { } clock) return clock;
        if (_spareClock is { } spare)
        {
            _spareClock = null;
            spare.Clear();
            return SyncClock = spare;
        }

        return SyncClock = new HappensBefore.VectorClock();
    }

    /// <summary>The shadow of this location, made (or taken back from an earlier run, empty) on the first access; true when it was.</summary>
    public HappensBefore.AccessShadow AccessShadow(out bool made)
    {
        made = Shadow is null;
        if (Shadow is { } shadow) return shadow;
        if (_spareShadow is { } spare)
        {
            _spareShadow = null;
            return Shadow = spare.Renew(Name);
        }

        return Shadow = new HappensBefore.AccessShadow(Name);
    }

    /// <summary>
    /// This object as a new one of the next run (<see cref="ControlledRuntime"/> keeps its
    /// primitives from run to run): named anew, numbered in creation order as a new object would
    /// be, with no detector state. Returns whether the name is the one it had, so a subclass may
    /// keep texts it built from it.
    /// </summary>
    private protected bool Renew(string name, ControlledLifetime? owner)
    {
        var sameName = ReferenceEquals(name, Name);
        Name = name;
        Owner = owner;
        Id = Runtime.NextObjectId();
        _spareClock = SyncClock ?? _spareClock;
        SyncClock = null;
        _spareShadow = Shadow ?? _spareShadow;
        Shadow = null;
        return sameName;
    }

    /// <summary>Whether <paramref name="thread"/>'s pending <paramref name="kind"/> access could run now.</summary>
    public virtual bool IsEnabled(LogicalThread thread, AccessKind kind) => true;

    /// <summary>
    /// Performs the access. Returns false when the thread must stay blocked on it (it went to
    /// sleep on a wait queue, for instance); the access is then attempted again when enabled.
    /// </summary>
    public abstract bool Execute(LogicalThread thread, AccessKind kind);

    /// <summary>
    /// Cells the pending access reads besides its target (a wait_event condition's declared
    /// cells), or null: part of what a strategy sees of the pending access.
    /// </summary>
    public virtual IReadOnlyList<ObjectRef>? DeclaredReads(LogicalThread thread, AccessKind kind) => null;

    /// <summary>
    /// Whether arriving at a pending <paramref name="kind"/> access already settles part of how it
    /// will run, before it runs: synchronize_srcu captures the readers inside, a down_write on a
    /// taken rw-semaphore joins the writer queue, a down_read arriving behind a queued writer waits
    /// for it. The order in which threads park at such accesses then matters (partial-order reduction
    /// needs to know).
    /// </summary>
    public virtual bool DecidesAtPark(AccessKind kind) => false;

    /// <summary>Why <paramref name="thread"/> cannot proceed, for deadlock reports.</summary>
    public virtual string DescribeWait(LogicalThread thread, AccessKind kind) => $"{kind.Render()} {Name}";

    /// <summary>The value read or written, for recorded traces only.</summary>
    public virtual string? DescribeDetail(LogicalThread thread, AccessKind kind) => null;
}
