// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: a spinlock never sleeps, and its holder must not sleep either (atomic context).
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal sealed class ControlledSpinLock(ControlledRuntime runtime, string name, ControlledLifetime? owner)
    : ControlledPrimitive(runtime, name, owner), ISpinLock
{
    private LogicalThread? _holder;

    public bool IsHeldByCurrentThread => _holder is not null && _holder == Runtime.Current;

    public bool IsLocked => _holder is not null;

    public ValueTask Lock()
    {
        if (IsHeldByCurrentThread)
            Runtime.Fail(BugKind.Deadlock, $"self-deadlock: {Runtime.CurrentThreadName} takes spinlock {Name} it already holds");
        return Runtime.Begin(this, AccessKind.Acquire).AsValueTask();
    }

    public ValueTask<bool> TryLock() => Runtime.Begin(this, AccessKind.TryAcquire).AsBoolTask();

    public ValueTask Unlock()
    {
        if (!IsHeldByCurrentThread)
            Runtime.Fail(BugKind.Assertion, $"{Runtime.CurrentThreadName} unlocks spinlock {Name} held by {_holder?.Name ?? "nobody"}");
        return Runtime.Begin(this, AccessKind.Release).AsValueTask();
    }

    public void AssertHeld()
    {
        if (!IsHeldByCurrentThread)
            Runtime.Fail(BugKind.Assertion, $"lockdep_assert_held({Name}) failed on {Runtime.CurrentThreadName}");
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
                thread.SpinLocksHeld.Remove(this);
                break;
        }

        return true;
    }

    private void Take(LogicalThread thread)
    {
        _holder = thread;
        thread.SpinLocksHeld.Add(this);
    }

    public override string DescribeWait(LogicalThread thread, AccessKind kind) => $"spin_lock {Name} held by {_holder?.Name}";

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) =>
        kind == AccessKind.TryAcquire ? (thread.ResultBool ? "-> taken" : "-> busy") : null;
}
