// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// struct srcu_struct. A grace period waits only for readers that entered before it began;
/// readers may sleep. Callbacks queued with <see cref="CallSrcu"/> run after a grace period on a
/// worker thread the runtime controls, in atomic (softirq-like) context.
/// </summary>
public interface ISrcu
{
    string Name { get; }

    /// <summary>srcu_read_lock: returns the index to hand back to <see cref="ReadUnlock"/>.</summary>
    ValueTask<int> ReadLock();

    ValueTask ReadUnlock(int index);

    /// <summary>synchronize_srcu: sleeps until every reader that was inside when it was called has left.</summary>
    ValueTask Synchronize();

    /// <summary>call_srcu: queues <paramref name="callback"/> to run after a grace period.</summary>
    ValueTask CallSrcu(string name, Func<Task> callback);

    /// <summary>srcu_barrier: sleeps until every callback queued before it has run.</summary>
    ValueTask Barrier();

    /// <summary>srcu_read_lock_held for the current thread.</summary>
    bool IsReadLockHeld { get; }
}
