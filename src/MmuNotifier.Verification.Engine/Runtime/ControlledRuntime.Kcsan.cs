// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule (LKMM): two conflicting accesses, at least one plain, that no happens-before chain orders are a data race.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.HappensBefore;
using MmuNotifier.Verification.Engine.Primitives;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// The data-race detector: every logical thread carries a vector clock, every synchronising
/// object the clock its last releases published, every shared location an <see cref="AccessShadow"/>.
/// Clocks move along happens-before only, never along the schedule, so a race is found in a
/// schedule whose interleaving happened to be harmless.
/// </summary>
internal sealed partial class ControlledRuntime
{
    internal bool KcsanOn => (Detectors & Detectors.Kcsan) != 0;

    private readonly List<string> _knownRacesSeen = [];

    /// <summary>Races of the program that are documented findings: recorded by name, they do not stop the run.</summary>
    public IReadOnlyList<KnownRace> KnownRaces { get; set; } = [];

    /// <summary>The names of the <see cref="KnownRaces"/> the last run showed, each once, in order of first showing.</summary>
    public IReadOnlyList<string> KnownRacesSeen => _knownRacesSeen;

    /// <summary>
    /// A shadow for a plain location outside any primitive (a lock-guarded field), or null with the
    /// detector off. A world makes the same fields in the same order every schedule, so, like the
    /// primitives, the k-th shadow of a run is the previous run's k-th, emptied, under the interned name.
    /// </summary>
    internal AccessShadow? NewShadow(PrimitiveName location)
    {
        if (!KcsanOn) return null;
        var name = Intern(location);
        if (!_recycling) return new AccessShadow(name);
        return _shadowPool.Take<AccessShadow>()?.Renew(name) ?? _shadowPool.Keep(new AccessShadow(name));
    }

    /// <summary>A plain access made by model code between scheduling points (a lock-guarded field).</summary>
    internal void KcsanAccess(AccessShadow shadow, AccessKind kind)
    {
        var thread = Current;
        var race = RecordAccess(shadow, thread, kind);
        if (race is not null) Fail(BugKind.DataRace, race);
    }

    /// <summary>The clock of a new thread: everything its spawner did so far happens before its start.</summary>
    private void KcsanSpawned(LogicalThread child, LogicalThread? parent)
    {
        if (!ClocksOn) return;
        if (parent is not null)
        {
            child.Clock.CopyFrom(parent.Clock);
            parent.Clock.Tick(parent.ThreadId);
        }

        child.Clock.Tick(child.ThreadId);
    }

    /// <summary>The happens-before effect and the access check of the step <paramref name="thread"/> just carried out.</summary>
    private void KcsanAfterStep(LogicalThread thread, ControlledPrimitive target, bool done)
    {
        var kind = thread.Kind;
        if (target is IKeepsStores && LkmmOn)
        {
            // Weak memory: the cell's or atomic's own step moved the clocks along the store it read.
            if (kind is AccessKind.Read or AccessKind.Write or AccessKind.ReadOnce or AccessKind.WriteOnce or AccessKind.LoadAcquire
                or AccessKind.StoreRelease && target is not ControlledAtomic) CheckCellAccess(thread, target, kind);
            EndReleaseStore(thread);
            return;
        }

        switch (kind)
        {
            case AccessKind.Read or AccessKind.Write or AccessKind.ReadOnce or AccessKind.WriteOnce when target is not ControlledAtomic:
                if (kind is AccessKind.Write or AccessKind.WriteOnce) target.SyncClock?.Clear();  // a plain store ends the release
                CheckCellAccess(thread, target, kind);
                break;
            case AccessKind.Free when target is ControlledLifetime freed && !_stopped:
                CheckFree(thread, freed);
                break;
            case AccessKind.LoadAcquire:
                CheckCellAccess(thread, target, kind);
                Acquire(thread, target);
                break;
            case AccessKind.StoreRelease:
                CheckCellAccess(thread, target, kind);
                target.SyncClock?.Clear();
                Release(thread, target);
                break;
            case AccessKind.Acquire or AccessKind.AcquireRead:
                Acquire(thread, target);
                break;
            case AccessKind.TryAcquire or AccessKind.TryAcquireRead:
                if (thread.ResultBool) Acquire(thread, target);
                break;
            case AccessKind.Release or AccessKind.ReleaseRead or AccessKind.SrcuReadUnlock or AccessKind.Wake:
                Release(thread, target);
                break;
            case AccessKind.Wait or AccessKind.Sleep or AccessKind.Synchronize:
                if (done) Acquire(thread, target);
                break;
            case AccessKind.SrcuBarrier:
                if (done) ((ControlledSrcu)target).JoinCallbackClocks(thread.Clock);
                break;
            case AccessKind.Join:
                if (done) thread.Clock.Join(((LogicalThread)target).Clock);
                break;
            case AccessKind.BarrierWait:
                // Arriving publishes (done, or parked for the round); leaving takes in every arrival.
                if (!done || thread.Phase == 0) Release(thread, target);
                if (done) Acquire(thread, target);
                break;
            case AccessKind.AtomicRmw or AccessKind.Exchange or AccessKind.CompareExchange
                or AccessKind.FetchAdd or AccessKind.FetchSub or AccessKind.FetchOr or AccessKind.FetchAnd:
                // Value-returning kernel atomics are fully ordered; the relaxed ones are treated so too (limit).
                Acquire(thread, target);
                Release(thread, target);
                break;
        }

        EndReleaseStore(thread);
    }

    /// <summary>Weak memory: the tick a release store (<see cref="WriteStore{T}"/>) left for after the access check.</summary>
    private static void EndReleaseStore(LogicalThread thread)
    {
        if (!thread.ReleaseTickPending) return;
        thread.ReleaseTickPending = false;
        thread.Clock.Tick(thread.ThreadId);
    }

    /// <summary>A wait_event that returns read its condition's cell: a store-release to it happens before the return.</summary>
    internal void KcsanConditionHeld(LogicalThread thread, ControlledPrimitive cell)
    {
        if (KcsanOn) Acquire(thread, cell);
    }

    private void CheckCellAccess(LogicalThread thread, ControlledPrimitive cell, AccessKind kind)
    {
        if (!KcsanOn) return;  // the clocks also run for the weak-memory mode
        var shadow = cell.AccessShadow(out var made);
        if (made) cell.Owner?.Owns(shadow);
        var race = RecordAccess(shadow, thread, kind);
        if (race is not null) StopWith(BugKind.DataRace, race, thread: thread.Name);
    }

    /// <summary>KCSAN: kfree is a write to every location of the object, so a free unordered with another thread's access races.</summary>
    private void CheckFree(LogicalThread thread, ControlledLifetime freed)
    {
        if (!KcsanOn) return;
        foreach (var shadow in freed.Shadows)
        {
            var race = RecordAccess(shadow, thread, AccessKind.Free);
            if (race is null) continue;
            StopWith(BugKind.DataRace, race, thread: thread.Name);
            return;
        }
    }

    /// <summary>Checks and records the access; returns the report when it races with an earlier one.</summary>
    private string? RecordAccess(AccessShadow shadow, LogicalThread thread, AccessKind kind)
    {
        var access = new RaceAccess(thread.ThreadId, thread.Clock[thread.ThreadId], _step, kind, thread.Name, thread.CurrentLockset());
        var earlier = shadow.Record(access, thread.Clock);
        if (!earlier.Exists) return null;
        if (Known(shadow.Location, earlier, access) is not { } known)
            return DataRaceReport.Describe(shadow.Location, earlier, access);
        shadow.Remember(access);
        if (!_knownRacesSeen.Contains(known.Name)) _knownRacesSeen.Add(known.Name);
        return null;
    }

    private KnownRace? Known(string location, in RaceAccess first, in RaceAccess second)
    {
        foreach (var known in KnownRaces)
            if (known.Matches(location, first, second)) return known;
        return null;
    }

    private static void Acquire(LogicalThread thread, ControlledPrimitive target)
    {
        if (target.SyncClock is { } published) thread.Clock.Join(published);
    }

    /// <summary>Publishes the thread's clock in <paramref name="target"/>; the thread's later events are not covered.</summary>
    private static void Release(LogicalThread thread, ControlledPrimitive target)
    {
        target.PublishedClock().Join(thread.Clock);
        thread.Clock.Tick(thread.ThreadId);
    }
}
