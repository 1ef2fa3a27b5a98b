// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

// Models spinlock_t: one holder at a time, holding it is atomic context (CONFIG_DEBUG_ATOMIC_SLEEP), re-taking it on the same CPU spins forever.
internal sealed class RealSpinLock(RealRuntime runtime, string name, ILifetime? owner)
    : RealExclusiveLock(runtime, name, owner, LockNames.Spin), ISpinLock
{
    protected override void OnHeld(RealThread thread, bool held)
    {
        if (held) thread.HeldSpinLocks.Add(Name);
        else thread.HeldSpinLocks.RemoveAt(thread.HeldSpinLocks.LastIndexOf(Name));
    }
}
