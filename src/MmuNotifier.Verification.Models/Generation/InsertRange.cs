// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// The explicit ranges a generated insert may carry instead of the mirror's pages: the edge cases
/// of mmu_interval_notifier_insert's range check. Empty and wrapping ranges must fail with
/// -EOVERFLOW whatever the schedule; a range ending exactly at the top of the address space
/// (last = ULONG_MAX) is legal and must be accepted.
/// </summary>
public enum InsertRange
{
    /// <summary>The mirror's own pages.</summary>
    Pages,
    /// <summary>length 0.</summary>
    Empty,
    /// <summary>start + length - 1 wraps past the top.</summary>
    Wrapping,
    /// <summary>The mirror's size, ending at the last byte of the address space.</summary>
    Top,
}

public static class InsertRanges
{
    public static OpSpec Insert(SubscriptionSpec mirror, InsertRange range)
    {
        var size = (ulong)mirror.PageCount * Pages.PAGE_SIZE;
        return range switch
        {
            InsertRange.Empty => new OpSpec(OpKind.Insert, mirror.Name, Start: Pages.Address(mirror.FirstPage), Length: 0, Expect: -Errno.EOVERFLOW),
            InsertRange.Wrapping => new OpSpec(OpKind.Insert, mirror.Name, Start: ulong.MaxValue - Pages.PAGE_SIZE + 1, Length: 2 * Pages.PAGE_SIZE,
                Expect: -Errno.EOVERFLOW),
            InsertRange.Top => new OpSpec(OpKind.Insert, mirror.Name, Start: ulong.MaxValue - size + 1, Length: size),
            _ => new OpSpec(OpKind.Insert, mirror.Name),
        };
    }
}
