// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// spinlock_t: never sleeps; while it is held the thread is in atomic context, and anything that
/// may sleep is reported (CONFIG_DEBUG_ATOMIC_SLEEP). Re-acquiring a held lock is a self-deadlock.
/// </summary>
public interface ISpinLock
{
    string Name { get; }

    ValueTask Lock();

    ValueTask<bool> TryLock();

    ValueTask Unlock();

    /// <summary>lockdep_assert_held: reports a bug unless the current thread holds the lock.</summary>
    void AssertHeld();

    bool IsHeldByCurrentThread { get; }

    /// <summary>Held by any thread: for monitors that may only judge state between critical sections.</summary>
    bool IsLocked { get; }
}
