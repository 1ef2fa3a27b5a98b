// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: mutex_lock may sleep, so it is forbidden in atomic context; mutex_trylock never sleeps.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal sealed class ControlledMutex(ControlledRuntime runtime, string name, ControlledLifetime? owner, LockClass lockClass)
    : ControlledExclusiveLock(runtime, name, owner, LockNames.Mutex, lockClass), IMutex
{
    private string? _lockText;

    /// <summary>This mutex as a new one of the next run (<see cref="ControlledRuntime.NewMutex"/>).</summary>
    internal ControlledMutex Recycle(string name, ControlledLifetime? owner, LockClass lockClass)
    {
        if (!RenewLock(name, owner, lockClass)) _lockText = null;
        return this;
    }

    // Cached: built once per mutex, not at every lock.
    protected override void BeforeLock() => Runtime.MightSleep(_lockText ??= $"mutex_lock({Name})");
}
