// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: a spinlock never sleeps, and its holder must not sleep either (atomic context).
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal sealed class ControlledSpinLock(ControlledRuntime runtime, string name, ControlledLifetime? owner, LockClass lockClass)
    : ControlledExclusiveLock(runtime, name, owner, LockNames.Spin, lockClass), ISpinLock
{
    /// <summary>This spinlock as a new one of the next run (<see cref="ControlledRuntime.NewSpinLock"/>).</summary>
    internal ControlledSpinLock Recycle(string name, ControlledLifetime? owner, LockClass lockClass)
    {
        RenewLock(name, owner, lockClass);
        return this;
    }

    protected override void OnHeld(LogicalThread thread, bool held)
    {
        if (held) thread.SpinLocksHeld.Add(this);
        else thread.SpinLocksHeld.Remove(this);
    }
}
