// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: lock_map_acquire/release only inform lockdep; they never block, but they order like a lock.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

/// <summary>
/// A pseudo-lock: never a scheduling point and never blocking, but with lockdep on it takes part
/// in the class dependency graph like a lock (so a driver lock taken inside the invalidation and
/// around mmu_interval_read_begin closes a cycle through it), may not be taken recursively and
/// must be released before its thread finishes. A release without an acquire is always reported.
/// </summary>
internal sealed class ControlledLockMap(ControlledRuntime runtime, string name, LockClass lockClass) : ILockMap
{
    private readonly List<LogicalThread> _holders = [];

    public string Name { get; } = name;

    public void Acquire()
    {
        runtime.LockdepCheckRecursion(this, "lock_map_acquire", Name);
        runtime.LockdepBeforeAcquire(lockClass, Name);
        var thread = runtime.Current;
        _holders.Add(thread);
        runtime.LockdepAcquired(thread, this, lockClass, Name);
    }

    public void Release()
    {
        var thread = runtime.Current;
        Lockdep.CheckHeldForRelease(runtime, _holders.Remove(thread), "lock_map_release", Name, "never acquired by it");
        runtime.LockdepReleased(thread, this);
    }
}
