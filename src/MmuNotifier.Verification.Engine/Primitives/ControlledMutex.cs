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

    // Cached: built once per mutex, not at every lock.
    protected override void BeforeLock() => Runtime.MightSleep(_lockText ??= $"mutex_lock({Name})");
}
