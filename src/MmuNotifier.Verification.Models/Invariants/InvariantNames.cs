// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.IntervalTree;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// The invariant names of design.md §5 as they appear in bug reports, spelled here once (the
/// defect registry and the monitors use these); the port's interval tree reports
/// <see cref="TreeStability"/> itself, so that one is the tree's constant. The models add the
/// refcount and bad-input checks. Read-side progress and the blocking
/// rules are not named here: the engine reports them as a deadlock and as sleep-in-atomic.
/// </summary>
public static class InvariantNames
{
    public const string OddSeq = "odd-seq";

    /// <summary>
    /// active_invalidate_ranges never exceeds the invalidations really between start and end
    /// (a failed non-blocking start counts until it returns), and the deferred list is empty
    /// whenever it is zero. Narrower than §5's wording; docs/defects.md names it.
    /// </summary>
    public const string ActiveRanges = "active-ranges";

    /// <summary>An interval subscription gets one MMU_NOTIFY_RELEASE invalidation per exit.</summary>
    public const string ReleaseOnce = "release-once";
    public const string NoMissedInvalidation = "no-missed-invalidation";
    public const string TreeStability = IntervalTreeRoot<MmuIntervalNotifier>.StabilityInvariant;
    public const string RemoveQuiescence = "remove-quiescence";
    public const string HlistSrcu = "hlist-srcu";

    /// <summary>exit_mmap's mmu_notifier_release returns only after every ->release that was already running when it began.</summary>
    public const string ReleaseQuiescence = "release-quiescence";
    public const string Refcounts = "refcounts";

    /// <summary>mmu_notifier_get returns a subscription registered with the ops it was given.</summary>
    public const string GetIdentity = "get-identity";
    public const string BadInput = "bad-input";

    /// <summary>An interval subscription's invalidate is called only for ranges that intersect the range it subscribed.</summary>
    public const string CallbackRange = "callback-range";

    /// <summary>Every name an invariant violation can carry, in the order the invariants run.</summary>
    public static IReadOnlyList<string> All { get; } = StandardInvariants.Create().Select(i => i.Name).ToList();
}
