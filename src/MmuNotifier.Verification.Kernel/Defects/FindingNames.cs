// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.Defects;

/// <summary>
/// The invariant names the port's defects are expected to break. They follow design.md §5; two
/// are narrower checks that §5 implies: <see cref="ActiveRanges"/> (the count of running
/// invalidations never exceeds the invalidations really between start and end) and
/// <see cref="ReleaseOnce"/> (an interval subscription gets one MMU_NOTIFY_RELEASE per exit).
/// </summary>
public static class FindingNames
{
    public const string OddSeq = "odd-seq";
    public const string ActiveRanges = "active-ranges";
    public const string TreeStability = IntervalTree.IntervalTreeRoot<Notifier.MmuIntervalNotifier>.StabilityInvariant;
    public const string NoMissedInvalidation = "no-missed-invalidation";
    public const string RemoveQuiescence = "remove-quiescence";
    public const string HlistSrcu = "hlist-srcu";
    public const string ReleaseOnce = "release-once";
}
