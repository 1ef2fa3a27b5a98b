// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

/// <summary>
/// What a spinlock and a mutex share: one holder, lock/trylock/unlock as scheduling points,
/// self-deadlock and foreign-unlock detection, lockdep_assert_held. They differ in what holding
/// and waiting mean for sleeping, which the subclasses add.
/// </summary>
internal abstract class ControlledExclusiveLock(
    ControlledRuntime runtime, string name, ControlledLifetime? owner, LockNames names, LockClass lockClass)
    : ControlledPrimitive(runtime, name, owner)
{
    private LogicalThread? _holder;

    /// <summary>This lock as a new, free one of the next run; false when its name changed (texts built from it are stale).</summary>
    private protected bool RenewLock(string name, ControlledLifetime? owner, LockClass newClass)
    {
        _holder = null;
        lockClass = newClass;
        return Renew(name, owner);
    }

    public bool IsHeldByCurrentThread => _holder is not null && _holder == Runtime.Current;

    public bool IsLocked => _holder is not null;

    public ValueTask Lock()
    {
        BeforeLock();
        Lockdep.CheckNotHeld(Runtime, IsHeldByCurrentThread, names.Lock, Name);
        Runtime.LockdepBeforeAcquire(lockClass, Name);
        return Runtime.Begin(this, AccessKind.Acquire).AsValueTask();
    }

    public ValueTask<bool> TryLock() => Runtime.Begin(this, AccessKind.TryAcquire).AsBoolTask();

    public ValueTask Unlock()
    {
        if (!IsHeldByCurrentThread)
            Lockdep.CheckHeldForRelease(Runtime, held: false, names.Unlock, Name, Lockdep.HeldBy(_holder?.Name));
        return Runtime.Begin(this, AccessKind.Release).AsValueTask();
    }

    public void AssertHeld()
    {
        if (Owner is { IsFreed: true }) Runtime.CheckNotFreed(Owner, $"lockdep_assert_held({Name})");
        Lockdep.CheckAssertHeld(Runtime, IsHeldByCurrentThread, "lockdep_assert_held", Name);
    }

    /// <summary>The C names of this lock type's operations.</summary>
    protected LockNames Names => names;

    /// <summary>Checks made before a blocking lock (might_sleep for a mutex).</summary>
    protected virtual void BeforeLock()
    {
    }

    /// <summary>Bookkeeping on the holder when it takes or drops the lock (atomic context for a spinlock).</summary>
    protected virtual void OnHeld(LogicalThread thread, bool held)
    {
    }

    public override bool IsEnabled(LogicalThread thread, AccessKind kind) => kind != AccessKind.Acquire || _holder is null;

    public override bool Execute(LogicalThread thread, AccessKind kind)
    {
        switch (kind)
        {
            case AccessKind.Acquire:
                Take(thread);
                break;
            case AccessKind.TryAcquire:
                thread.ResultBool = _holder is null;
                if (thread.ResultBool) Take(thread);
                break;
            default:
                _holder = null;
                Runtime.LockdepReleased(thread, this);
                OnHeld(thread, held: false);
                break;
        }

        return true;
    }

    private void Take(LogicalThread thread)
    {
        _holder = thread;
        Runtime.LockdepAcquired(thread, this, lockClass, Name);
        OnHeld(thread, held: true);
    }

    public override string DescribeWait(LogicalThread thread, AccessKind kind) => $"{names.Kind} {Name} held by {_holder?.Name}";

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) =>
        kind == AccessKind.TryAcquire ? (thread.ResultBool ? "-> taken" : "-> busy") : null;
}
