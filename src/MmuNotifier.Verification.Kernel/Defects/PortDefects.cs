// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using static MmuNotifier.Verification.Kernel.Defects.DefectOrigin;

namespace MmuNotifier.Verification.Kernel.Defects;

/// <summary>
/// The defects that live in the port itself (driver misuse lives in the models). Each constant
/// is the name switched on with <see cref="KernelConfig.WithDefect"/>; <see cref="All"/> says
/// where it lives and what exploration should report. docs/defects.md is the prose catalogue.
/// </summary>
public static class PortDefects
{
    private const string C = "Notifier/MmuNotifierC.cs";
    private const string CRegister = "Notifier/MmuNotifierC.Register.cs";

    // Historical: seed 003 (v1 of the interval notifier) and seed 001 (the 2023 RFC).
    public const string V1ReleaseWarnInverted = "v1-release-warn-inverted";
    public const string V1DoubleItreeRelease = "v1-double-itree-release";
    public const string RfcRegisterNullOps = "rfc-register-null-ops";
    public const string ReviewBlockableBackoff = "review-blockable-backoff";
    public const string V1SeqWriteOutsideUserLock = "v1-seq-write-outside-user-lock";

    // Synthetic.
    public const string NoOddSeqOnStart = "no-odd-seq-on-start";
    public const string InvEndNoWakeup = "inv-end-no-wakeup";
    public const string InvEndDeferredEarly = "inv-end-deferred-early";
    public const string InsertExcludedNoOdd = "insert-excluded-no-odd";
    public const string InsertIdleEvenSeq = "insert-idle-even-seq";
    public const string ReadBeginUnlocked = "read-begin-unlocked";
    public const string RemoveNoDefer = "remove-no-defer";
    public const string RemoveNoWait = "remove-no-wait";
    public const string NonblockFailNoInvEnd = "nonblock-fail-no-inv-end";
    public const string UnregisterNoSynchronize = "unregister-no-synchronize";
    public const string PutFreesImmediately = "put-frees-immediately";
    public const string HlistStartFailNoEnd = "hlist-start-fail-no-end";
    public const string InitialSeqOdd = "initial-seq-odd";

    private static readonly ExpectedFinding Warning = new(BugKind.WarnOn, null, BugComponent.Warning);

    public static IReadOnlyList<DefectInfo> All { get; } =
    [
        new(V1ReleaseWarnInverted, Historical003,
            "mn_itree_release warns when invalidate succeeds instead of when it fails",
            Warning, "mn_itree_release", C),
        new(V1DoubleItreeRelease, Historical003,
            "mn_hlist_release runs mn_itree_release again after __mmu_notifier_release already did",
            ExpectedFinding.Violation(FindingNames.ReleaseOnce), "mn_hlist_release", C),
        new(RfcRegisterNullOps, Historical001,
            "__mmu_notifier_register reads subscription->ops for the TLB/start-end check even when subscription is NULL",
            new(BugKind.BugOn, null, BugComponent.Core), "__mmu_notifier_register", CRegister),
        new(ReviewBlockableBackoff, Review003,
            "mn_itree_invalidate backs off with -EAGAIN on any false return, blockable or not",
            ExpectedFinding.Violation(FindingNames.ActiveRanges), "mn_itree_invalidate", C),
        new(V1SeqWriteOutsideUserLock, Historical003,
            "mn_itree_invalidate stores cur_seq in the subscription before invalidate, outside the driver lock (v1 drivers do not set it)",
            null, "mn_itree_invalidate", C),

        new(NoOddSeqOnStart, Synthetic,
            "mn_itree_inv_start_range leaves invalidate_seq even when it finds a subscription",
            ExpectedFinding.Violation(FindingNames.OddSeq), "mn_itree_inv_start_range", C),
        new(InvEndNoWakeup, Synthetic,
            "mn_itree_inv_end makes the sequence even but never wakes the waiters",
            new(BugKind.Deadlock, null, BugComponent.Core), "mn_itree_inv_end", C),
        new(InvEndDeferredEarly, Synthetic,
            "mn_itree_inv_end applies the deferred inserts and removes although other invalidations still run",
            ExpectedFinding.Violation(FindingNames.TreeStability), "mn_itree_inv_end", C),
        new(InsertExcludedNoOdd, Synthetic,
            "an insert during an invalidation that covers no subscription does not make the sequence odd",
            ExpectedFinding.Violation(FindingNames.OddSeq), "__mmu_interval_notifier_insert", CRegister),
        new(InsertIdleEvenSeq, Synthetic,
            "an insert with no invalidation running gives the subscription the current even sequence, not sequence - 1",
            ExpectedFinding.Violation(FindingNames.OddSeq), "__mmu_interval_notifier_insert", CRegister),
        new(ReadBeginUnlocked, Synthetic,
            "mmu_interval_read_begin compares the two sequences without subscriptions->lock",
            ExpectedFinding.Violation(FindingNames.NoMissedInvalidation), "mmu_interval_read_begin", C),
        new(RemoveNoDefer, Synthetic,
            "a remove during an invalidation unlinks the node from the frozen tree at once",
            ExpectedFinding.Violation(FindingNames.TreeStability), "mmu_interval_notifier_remove", CRegister),
        new(RemoveNoWait, Synthetic,
            "a remove during an invalidation returns without waiting for the sequence to move on",
            ExpectedFinding.Violation(FindingNames.RemoveQuiescence), "mmu_interval_notifier_remove", CRegister),
        new(NonblockFailNoInvEnd, Synthetic,
            "the -EAGAIN path of mn_itree_invalidate returns without mn_itree_inv_end",
            ExpectedFinding.Violation(FindingNames.ActiveRanges), "mn_itree_invalidate", C),
        new(UnregisterNoSynchronize, Synthetic,
            "mmu_notifier_unregister returns without synchronize_srcu",
            ExpectedFinding.Violation(FindingNames.HlistSrcu), "mmu_notifier_unregister", CRegister),
        new(PutFreesImmediately, Synthetic,
            "the last mmu_notifier_put frees the subscription at once instead of through call_srcu",
            new(BugKind.UseAfterFree, null, BugComponent.Core), "mmu_notifier_put", CRegister),
        new(HlistStartFailNoEnd, Synthetic,
            "after a failed non-blocking start, the subscribers whose start succeeded get no invalidate_range_end",
            ExpectedFinding.Violation(FindingNames.HlistSrcu), "mn_hlist_invalidate_range_start", C),
        new(InitialSeqOdd, Synthetic,
            "a new subscriptions structure starts with an odd invalidate_seq",
            ExpectedFinding.Violation(FindingNames.OddSeq), "__mmu_notifier_register", CRegister),
    ];

    /// <summary>The catalogue entry for <paramref name="name"/>, or null.</summary>
    public static DefectInfo? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}
