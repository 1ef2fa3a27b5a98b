// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: lock_map_acquire/release only inform lockdep; they never block.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

/// <summary>Kept on the thread's list of held maps so a lock-order checker can see the nesting.</summary>
internal sealed class ControlledLockMap(ControlledRuntime runtime, string name) : ILockMap
{
    public string Name { get; } = name;

    public void Acquire() => runtime.Current.LockMapsHeld.Add(this);

    public void Release()
    {
        if (!runtime.Current.LockMapsHeld.Remove(this))
            runtime.Fail(BugKind.Assertion, $"lock_map_release({Name}) by {runtime.CurrentThreadName} without lock_map_acquire");
    }
}
