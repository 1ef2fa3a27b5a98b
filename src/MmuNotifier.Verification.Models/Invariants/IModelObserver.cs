// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// What the models tell the invariants, as it happens: the core MM's invalidation brackets and
/// PTE writes, the users' subscriptions and the port's calls into their ops, the end of the run.
/// Every member does nothing by default, so an invariant overrides only the events it judges.
/// Events arrive in the world's invariant order, and a report stops the run, so that order
/// decides which of two simultaneous violations is the finding.
/// </summary>
public interface IModelObserver
{
    /// <summary>A user model was built (its ops, mappings and subscription exist, nothing is subscribed yet).</summary>
    void UserAdded(UserModel user) { }

    /// <summary>The core MM is about to call invalidate_range_start (or exit_mmap's release).</summary>
    void RangeStarting() { }

    /// <summary>invalidate_range_start returned successfully for <paramref name="range"/>.</summary>
    void RangeStartReturned(MmuNotifierRange range) { }

    /// <summary>
    /// The core MM is about to call invalidate_range_end for <paramref name="range"/>, or (with
    /// <paramref name="started"/> false) its non-blocking start failed and no end will come.
    /// </summary>
    void RangeEnding(MmuNotifierRange range, bool started) { }

    /// <summary>invalidate_range_end returned, or a failed non-blocking start did.</summary>
    void RangeEnded() { }

    /// <summary>The core MM is about to write PTE <paramref name="page"/>.</summary>
    void PteChanging(int page, ulong old, ulong @new) { }

    /// <summary>exit_mmap is about to call mmu_notifier_release.</summary>
    void ExitReleaseStarting() { }

    /// <summary>exit_mmap's mmu_notifier_release returned: from here on it frees the mm's pages.</summary>
    void ExitReleaseReturned() { }

    /// <summary>exit_mmap has released the notifiers and zapped every PTE (before its final end).</summary>
    void ExitMmapFinished() { }

    /// <summary>An insert, register or get of the scenario returned <paramref name="ret"/>.</summary>
    void SubscribeReturned(OpSpec op, int ret) { }

    /// <summary>mmu_notifier_get(<paramref name="ops"/>, mm) succeeded and returned <paramref name="sub"/>.</summary>
    void NotifierGot(MmuNotifierOps ops, MmuNotifierSubscription sub) { }

    /// <summary>The port calls an interval subscription's invalidate op (before it runs).</summary>
    void IntervalInvalidateEntered(MmuIntervalNotifier sub, MmuNotifierRange range, SubscriptionAudit audit) { }

    /// <summary>
    /// The port calls the hlist op <paramref name="op"/> ("release", "invalidate_range_start" ...)
    /// of <paramref name="sub"/>; <paramref name="range"/> is set for start and end.
    /// </summary>
    void HlistOpEntered(MmuNotifierSubscription sub, string op, MmuNotifierRange? range, SubscriptionAudit audit) { }

    /// <summary>
    /// <paramref name="by"/> (mmu_interval_notifier_remove, mmu_notifier_unregister or free_notifier)
    /// has returned for the subscription of <paramref name="audit"/>.
    /// </summary>
    void Unsubscribed(SubscriptionAudit audit, string by) { }

    /// <summary>Every thread has finished and queued SRCU callbacks have run; nothing is torn down yet.</summary>
    void ThreadsFinished() { }

    /// <summary>The process exited and every user dropped what it held: the mm should be gone.</summary>
    void TeardownFinished() { }
}
