// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>How two steps of different threads relate.</summary>
internal enum Relation
{
    /// <summary>They commute wherever both can run: swapping them changes nothing observable.</summary>
    Independent,

    /// <summary>Their order matters and either order can happen: a race DPOR reverses.</summary>
    Conflict,

    /// <summary>
    /// The second can only run after the first (a join after the joined thread's steps): part of
    /// happens-before, never a race to reverse.
    /// </summary>
    Enables,

    /// <summary>
    /// A lock's release and a later blocking acquire of it: the acquire ran once the section was
    /// over, so it happens after the release; the race that orders the two sections is the one
    /// between their acquires, which <see cref="RaceAnalysis"/> reports in the release's stead.
    /// </summary>
    HandsOver,
}

/// <summary>
/// The dependence relation over the engine's declared accesses, with the kernel primitives'
/// meaning. Two rules keep it both sound and small:
/// <list type="bullet">
/// <item>Steps that conflict are those whose swap changes a value read, a trylock's result, who
/// sleeps or wakes, a grace period's readers, a lifetime's state, thread numbering, or what an
/// invariant monitor sees.</item>
/// <item>A release and a blocking acquire of the same lock are never both enabled, so the race
/// that orders the critical sections is the one between the two acquires (Abdulla et al., JACM
/// 2017, treat locks the same way). The release still happens before the acquire it let in
/// (<see cref="Relation.HandsOver"/>): without that edge a reversal could move the acquire before
/// the release and ask for a thread still blocked, and such infeasible sequences were dropped
/// together with the orders only they led to. A reader's exit and the synchronize_srcu waiting
/// for it are independent too; <see cref="GracePeriods"/> gives the edge between them. A reversal
/// that would still run a thread while it is blocked is dropped when it is met
/// (<see cref="DporStrategy"/>).</item>
/// </list>
/// A barrier's waiter leaves it after the arrival that completed its round (<see cref="WakeUps"/>).
/// Choice points and yields are independent of everything: a choice is the thread's own
/// branching, explored value by value at the point it is made.
/// </summary>
internal static class DporDependence
{
    public static Relation Between(DporEvent earlier, DporEvent later)
    {
        if (earlier.Thread == later.Thread) return Relation.Conflict;
        if (later.Kind == AccessKind.Join && later.Target == earlier.ThreadObjectId) return Relation.Enables;
        if (Conflicts(earlier, later)) return Relation.Conflict;
        return LockHandOver(earlier, later) ? Relation.HandsOver : Relation.Independent;
    }

    /// <summary>
    /// Whether the two commute wherever both can run (sleep sets, weak initials). A release and a
    /// blocking acquire of one lock do: they are never both enabled.
    /// </summary>
    public static bool Independent(DporEvent a, DporEvent b) => a.Thread != b.Thread && Commute(a, b) && Commute(b, a);

    private static bool Commute(DporEvent earlier, DporEvent later) => Between(earlier, later) is Relation.Independent or Relation.HandsOver;

    /// <summary>A lock's release (an rw-semaphore's either side) and a later acquire that it blocked until then.</summary>
    private static bool LockHandOver(DporEvent release, DporEvent acquire) =>
        release.Target == acquire.Target && release.Target >= 0
        && (release.Kind, acquire.Kind) is (AccessKind.Release, AccessKind.Acquire or AccessKind.AcquireRead)
            or (AccessKind.ReleaseRead, AccessKind.Acquire);

    private static bool Conflicts(DporEvent a, DporEvent b)
    {
        if (a.Spawned && b.Spawned) return true;  // thread ids are handed out in spawn order
        if ((a.Views & b.Views) != 0 && !ReleaseAndBlockedAcquire(a, b) && !ReleaseAndBlockedAcquire(b, a))
            return true;  // both change what one monitor sees
        if (LifetimeConflict(a, b) || LifetimeConflict(b, a)) return true;
        if (ParkConflict(a, b) || ParkConflict(b, a)) return true;
        if (ConditionConflict(a, b) || ConditionConflict(b, a)) return true;
        if (Fenced(a) && Fenced(b)) return true;
        return a.Target == b.Target && a.Target >= 0 && SameObjectConflict(a.Kind, b.Kind);
    }

    /// <summary>
    /// A release and a blocking acquire of the same lock (a reader's exit and the synchronize_srcu
    /// of its domain waiting for it) are never both enabled, so they have one
    /// order in every execution where the acquire follows that critical section: they need no
    /// ordering for a monitor either. Ordering them would hide the race between the two acquires,
    /// the one whose reversal is feasible (the reversal of release and acquire never is).
    /// </summary>
    private static bool ReleaseAndBlockedAcquire(DporEvent release, DporEvent acquire) =>
        LockHandOver(release, acquire)
        || (release.Target == acquire.Target && release.Target >= 0 && (release.Kind, acquire.Kind) is (AccessKind.SrcuReadUnlock, AccessKind.Synchronize));

    /// <summary>A kfree against anything living in, or checking, that allocation; two kfrees of it.</summary>
    private static bool LifetimeConflict(DporEvent free, DporEvent other) =>
        free.Kind == AccessKind.Free
        && (other.Owner == free.Target || other.Target == free.Target || other.Touched.Contains(free.Target));

    /// <summary>
    /// A parking that settled part of its access's outcome (<see cref="Park"/>) against another
    /// thread's step that changes what it settled, on the same object. Without it two runs that
    /// differ only in where a thread parked would count as one, although one of them deadlocks or
    /// sees a trylock fail.
    /// </summary>
    private static bool ParkConflict(DporEvent parked, DporEvent other)
    {
        foreach (var park in parked.Parks)
        {
            if (other.Target == park.Target && ChangesWhatParkFixed(park.Kind, other.Kind)) return true;
            // A down_read waits behind exactly the down_writes that queued before it parked.
            if (park.Kind == AccessKind.AcquireRead)
            {
                foreach (var writer in other.Parks)
                    if (writer.Target == park.Target && writer.Kind == AccessKind.Acquire) return true;
            }
        }

        return false;
    }

    private static bool ChangesWhatParkFixed(AccessKind parkedAt, AccessKind other) => parkedAt switch
    {
        // synchronize_srcu waits for the readers inside when it parks, srcu_barrier for the callbacks queued by then.
        AccessKind.Synchronize or AccessKind.SrcuBarrier => other is AccessKind.SrcuReadLock or AccessKind.SrcuReadUnlock or AccessKind.CallSrcu,
        // A down_write queues at once if the semaphore is taken, else when it next gets taken; a
        // queued writer fails trylocks: every lock step of the semaphore tells or changes which.
        AccessKind.Acquire => IsLock(other),
        // A take of the semaphore queues the writers waiting to take it, ahead of later readers.
        AccessKind.AcquireRead => other is AccessKind.Acquire or AccessKind.TryAcquire or AccessKind.AcquireRead or AccessKind.TryAcquireRead,
        _ => false,
    };

    /// <summary>
    /// Weak memory: an smp_mb, or a fully ordered atomic that took part in the fence order
    /// (it touched <see cref="Primitives.ControlledFence"/>). Two of them see each other in one order only.
    /// </summary>
    private static bool Fenced(DporEvent e) =>
        e.Kind == AccessKind.Fence || (e.Touched.Length > 0 && e.Touched.Contains(Primitives.ControlledFence.ObjectId));

    /// <summary>A wait_event condition reads its declared cells.</summary>
    private static bool ConditionConflict(DporEvent waiter, DporEvent other) =>
        waiter.Kind == AccessKind.Wait && waiter.Reads.Length > 0 && Writes(other.Kind) && waiter.Reads.Contains(other.Target);

    private static bool SameObjectConflict(AccessKind a, AccessKind b) =>
        (a, b) switch
        {
            _ when IsCell(a) && IsCell(b) => Writes(a) || Writes(b),
            _ when IsLock(a) && IsLock(b) => LockConflict(a, b) || LockConflict(b, a),
            (AccessKind.Wake, AccessKind.Wait or AccessKind.Sleep) or (AccessKind.Wait or AccessKind.Sleep, AccessKind.Wake) => true,
            // The order of arrival decides who waits and which arrivals share a round (who can deadlock).
            (AccessKind.BarrierWait, AccessKind.BarrierWait) => true,
            // srcu_read_lock hands out increasing indices; two readers entering in either order are alike to every
            // grace period, since one that could tell them apart parked in between and conflicts with both.
            (AccessKind.CallSrcu, AccessKind.SrcuReadLock or AccessKind.CallSrcu) or (AccessKind.SrcuReadLock, AccessKind.CallSrcu) => true,
            _ => false,
        };

    private static bool LockConflict(AccessKind a, AccessKind b) => (a, b) switch
    {
        (AccessKind.Acquire or AccessKind.TryAcquire, AccessKind.Acquire or AccessKind.TryAcquire) => true,
        (AccessKind.Acquire or AccessKind.TryAcquire, AccessKind.AcquireRead or AccessKind.TryAcquireRead) => true,
        (AccessKind.Release, AccessKind.TryAcquire or AccessKind.TryAcquireRead) => true,
        (AccessKind.ReleaseRead, AccessKind.TryAcquire) => true,
        // Taking the read side queues the writers parked at down_write, and a queued writer fails a read trylock.
        (AccessKind.AcquireRead or AccessKind.TryAcquireRead, AccessKind.TryAcquireRead) => true,
        _ => false,
    };

    private static bool IsLock(AccessKind kind) => kind is AccessKind.Acquire or AccessKind.TryAcquire or AccessKind.Release
        or AccessKind.AcquireRead or AccessKind.TryAcquireRead or AccessKind.ReleaseRead;

    private static bool IsCell(AccessKind kind) => kind is AccessKind.Read or AccessKind.ReadOnce or AccessKind.LoadAcquire
        || Writes(kind);

    /// <summary>
    /// A store: plain, marked, or any read-modify-write, atomic_* and the ones that
    /// <see cref="IAtomic.ReadModifyWrite"/> names by their operation (xchg, cmpxchg, fetch_*).
    /// </summary>
    private static bool Writes(AccessKind kind) => kind is AccessKind.Write or AccessKind.WriteOnce or AccessKind.StoreRelease
        or AccessKind.AtomicRmw or AccessKind.Exchange or AccessKind.CompareExchange
        or AccessKind.FetchAdd or AccessKind.FetchSub or AccessKind.FetchOr or AccessKind.FetchAnd;

    /// <summary>The access changes nothing a monitor could read (it and the code after it only read).</summary>
    public static bool OnlyReads(AccessKind kind, bool spawned) => !spawned && kind is AccessKind.Read or AccessKind.ReadOnce or AccessKind.LoadAcquire
        or AccessKind.Yield or AccessKind.Choose or AccessKind.Join or AccessKind.Synchronize or AccessKind.SrcuBarrier;
}
