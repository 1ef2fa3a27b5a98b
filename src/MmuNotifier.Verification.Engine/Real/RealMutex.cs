// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

// Models struct mutex: a sleeping lock (might_sleep in mutex_lock, not in mutex_trylock) that only its owner may unlock (CONFIG_DEBUG_MUTEXES).
internal sealed class RealMutex(RealRuntime runtime, string name, ILifetime? owner)
    : RealExclusiveLock(runtime, name, owner, LockNames.Mutex), IMutex
{
    protected override void BeforeLock() => Runtime.MightSleep($"mutex_lock({Name})");
}
