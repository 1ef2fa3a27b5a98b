// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: mutex_lock may sleep, so it is forbidden in atomic context; mutex_trylock never sleeps.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal sealed class ControlledMutex(ControlledRuntime runtime, string name, ControlledLifetime? owner)
    : ControlledPrimitive(runtime, name, owner), IMutex
{
    private LogicalThread? _holder;

    public bool IsHeldByCurrentThread => _holder is not null && _holder == Runtime.Current;

    public ValueTask Lock()
    {
        Runtime.MightSleep($"mutex_lock({Name})");
        if (IsHeldByCurrentThread)
            Runtime.Fail(BugKind.Deadlock, $"self-deadlock: {Runtime.CurrentThreadName} takes mutex {Name} it already holds");
        return Runtime.Begin(this, AccessKind.Acquire).AsValueTask();
    }

    public ValueTask<bool> TryLock() => Runtime.Begin(this, AccessKind.TryAcquire).AsBoolTask();

    public ValueTask Unlock()
    {
        if (!IsHeldByCurrentThread)
            Runtime.Fail(BugKind.Assertion, $"{Runtime.CurrentThreadName} unlocks mutex {Name} held by {_holder?.Name ?? "nobody"}");
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
                _holder = thread;
                break;
            case AccessKind.TryAcquire:
                thread.ResultBool = _holder is null;
                if (thread.ResultBool) _holder = thread;
                break;
            default:
                _holder = null;
                break;
        }

        return true;
    }

    public override string DescribeWait(LogicalThread thread, AccessKind kind) => $"mutex_lock {Name} held by {_holder?.Name}";

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) =>
        kind == AccessKind.TryAcquire ? (thread.ResultBool ? "-> taken" : "-> busy") : null;
}
