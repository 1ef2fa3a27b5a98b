// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Defects;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// The invariant names of design.md §5 as they appear in bug reports: the ones the port's defects
/// are expected to break come from <see cref="FindingNames"/>, so both catalogues spell them the
/// same; the models add the refcount and bad-input checks. Read-side progress and the blocking
/// rules are not named here: the engine reports them as a deadlock and as sleep-in-atomic.
/// </summary>
public static class InvariantNames
{
    public const string OddSeq = FindingNames.OddSeq;

    /// <summary>
    /// active_invalidate_ranges never exceeds the invalidations really between start and end
    /// (a failed non-blocking start counts until it returns), and the deferred list is empty
    /// whenever it is zero. Narrower than §5's wording; docs/defects.md names it.
    /// </summary>
    public const string ActiveRanges = FindingNames.ActiveRanges;

    /// <summary>An interval subscription gets one MMU_NOTIFY_RELEASE invalidation per exit.</summary>
    public const string ReleaseOnce = FindingNames.ReleaseOnce;
    public const string NoMissedInvalidation = FindingNames.NoMissedInvalidation;
    public const string TreeStability = FindingNames.TreeStability;
    public const string RemoveQuiescence = FindingNames.RemoveQuiescence;
    public const string HlistSrcu = FindingNames.HlistSrcu;
    public const string Refcounts = "refcounts";
    public const string BadInput = "bad-input";
}
