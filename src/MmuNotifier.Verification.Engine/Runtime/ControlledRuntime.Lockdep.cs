// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: lockdep validates each acquisition against the locks already held and the dependencies seen so far.
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Runtime;

internal sealed partial class ControlledRuntime
{
    private readonly LockClasses _lockClasses = new();
    private readonly LockOrderGraph _lockOrder = new();

    /// <summary>Which detectors the next runs apply (all by default).</summary>
    public Detectors Detectors { get; set; } = Detectors.Default;

    private bool LockdepOn => (Detectors & Detectors.Lockdep) != 0;

    /// <summary>The dependency graph of this runtime, kept across its runs.</summary>
    internal LockOrderGraph LockOrder => _lockOrder;

    internal LockClass LockClassFor(string file, int line, string name) => _lockClasses.For(file, line, name);

    /// <summary>
    /// lockdep's check at the moment a thread asks for a lock (before it can block on it): every
    /// lock it holds gains a dependency on the new one's class, and a dependency that closes a
    /// cycle of this run is a possible deadlock, reported even if the schedule at hand never
    /// deadlocks. Trylocks add no dependency (they cannot wait), as in the kernel.
    /// </summary>
    internal void LockdepBeforeAcquire(LockClass acquired, string name)
    {
        if (!LockdepOn) return;
        var thread = Current;
        var held = thread.HeldLocks;
        for (var i = 0; i < held.Count; i++)
        {
            if (held[i].Class == acquired) continue;  // nesting within one class needs a subclass annotation: not modelled
            var back = _lockOrder.Add(held[i], acquired, name, thread.Name, _step);
            if (back is not null) Fail(BugKind.Deadlock, Lockdep.CircularDependency(thread.Name, name, held[i], back));
        }
    }

    /// <summary>A lock map or rw-semaphore read side taken again by its holder: lockdep's recursive-locking report.</summary>
    internal void LockdepCheckRecursion(object lockObject, string operation, string name)
    {
        if (!LockdepOn) return;
        foreach (var entry in Current.HeldLocks)
            if (ReferenceEquals(entry.Lock, lockObject))
                Fail(BugKind.Deadlock, Lockdep.RecursiveLocking(CurrentThreadName, operation, name, entry.Step));
    }

    /// <summary>The lock stacks this runtime's threads held (<see cref="Lockset"/>), kept from run to run.</summary>
    internal Lockset LocksetRoot { get; } = Lockset.NewRoot();

    /// <summary>The lock is now held by <paramref name="thread"/> (called when the acquisition takes effect).</summary>
    internal void LockdepAcquired(LogicalThread thread, object lockObject, LockClass lockClass, string name, bool read = false)
    {
        if (!LockdepOn) return;
        thread.HeldLocks.Add(new HeldLock(lockObject, lockClass, name, _step, read));
        thread.LocksetVersion++;
    }

    internal void LockdepReleased(LogicalThread thread, object lockObject)
    {
        if (!LockdepOn) return;
        var held = thread.HeldLocks;
        for (var i = held.Count - 1; i >= 0; i--)
        {
            if (!ReferenceEquals(held[i].Lock, lockObject)) continue;
            held.RemoveAt(i);
            thread.LocksetVersion++;
            return;
        }
    }

    /// <summary>The thread entered an SRCU read-side section (srcu_read_lock took effect).</summary>
    internal void LockdepSrcuReadLocked(LogicalThread thread, string domain, int index)
    {
        if (LockdepOn) thread.SrcuReadSections.Add((domain, index, _step));
    }

    /// <summary>The thread left the SRCU read-side section <paramref name="index"/> of <paramref name="domain"/>.</summary>
    internal void LockdepSrcuReadUnlocked(LogicalThread thread, string domain, int index)
    {
        if (!LockdepOn) return;
        var sections = thread.SrcuReadSections;
        for (var i = sections.Count - 1; i >= 0; i--)
        {
            if (sections[i].Index != index || sections[i].Domain != domain) continue;
            sections.RemoveAt(i);
            return;
        }
    }

    /// <summary>
    /// A thread that returns with a lock, a lock map or an SRCU read-side section held: lockdep's
    /// "lock held when returning". A leaked srcu_read_lock would otherwise show only if some later
    /// synchronize_srcu happened to wait for it.
    /// </summary>
    private void LockdepThreadExit(LogicalThread thread)
    {
        if (!LockdepOn) return;
        if (thread.HeldLocks.Count > 0)
            StopWith(BugKind.Lockdep, Lockdep.HeldAtExit(thread.Name, thread.HeldLocks), thread: thread.Name);
        else if (thread.SrcuReadSections.Count > 0)
            StopWith(BugKind.Lockdep, Lockdep.SrcuHeldAtExit(thread.Name, thread.SrcuReadSections), thread: thread.Name);
    }
}
