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
internal abstract class ControlledExclusiveLock(ControlledRuntime runtime, string name, ControlledLifetime? owner, string kindName)
    : ControlledPrimitive(runtime, name, owner)
{
    private LogicalThread? _holder;

    public bool IsHeldByCurrentThread => _holder is not null && _holder == Runtime.Current;

    public bool IsLocked => _holder is not null;

    public ValueTask Lock()
    {
        BeforeLock();
        if (IsHeldByCurrentThread)
            Runtime.Fail(BugKind.Deadlock, $"self-deadlock: {Runtime.CurrentThreadName} takes {kindName} {Name} it already holds");
        return Runtime.Begin(this, AccessKind.Acquire).AsValueTask();
    }

    public ValueTask<bool> TryLock() => Runtime.Begin(this, AccessKind.TryAcquire).AsBoolTask();

    public ValueTask Unlock()
    {
        if (!IsHeldByCurrentThread)
            Runtime.Fail(BugKind.Assertion, $"{Runtime.CurrentThreadName} unlocks {kindName} {Name} held by {_holder?.Name ?? "nobody"}");
        return Runtime.Begin(this, AccessKind.Release).AsValueTask();
    }

    public void AssertHeld()
    {
        if (!IsHeldByCurrentThread)
            Runtime.Fail(BugKind.Assertion, $"lockdep_assert_held({Name}) failed on {Runtime.CurrentThreadName}");
    }

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
                OnHeld(thread, held: false);
                break;
        }

        return true;
    }

    private void Take(LogicalThread thread)
    {
        _holder = thread;
        OnHeld(thread, held: true);
    }

    public override string DescribeWait(LogicalThread thread, AccessKind kind) => $"{kindName} {Name} held by {_holder?.Name}";

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) =>
        kind == AccessKind.TryAcquire ? (thread.ResultBool ? "-> taken" : "-> busy") : null;
}
