// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Mm;

namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>
/// struct mmu_notifier_ops. Every callback is optional: a null delegate is a NULL op, which the
/// port tests exactly where the C tests <c>if (ops->x)</c>. Identity matters —
/// mmu_notifier_get_locked finds an existing subscription by comparing ops references — so share
/// one instance per driver.
/// </summary>
public sealed class MmuNotifierOps
{
    public string Name { get; init; } = "ops";

    public Func<MmuNotifierSubscription, MmStruct, ValueTask>? Release { get; init; }

    /// <summary>(subscription, mm, start, end) → young.</summary>
    public Func<MmuNotifierSubscription, MmStruct, ulong, ulong, ValueTask<int>>? ClearFlushYoung { get; init; }

    /// <summary>(subscription, mm, start, end) → young.</summary>
    public Func<MmuNotifierSubscription, MmStruct, ulong, ulong, ValueTask<int>>? ClearYoung { get; init; }

    /// <summary>(subscription, mm, address) → young.</summary>
    public Func<MmuNotifierSubscription, MmStruct, ulong, ValueTask<int>>? TestYoung { get; init; }

    /// <summary>(subscription, mm, address, pte).</summary>
    public Func<MmuNotifierSubscription, MmStruct, ulong, ulong, ValueTask>? ChangePte { get; init; }

    /// <summary>Returns 0, or -EAGAIN when the range is not blockable and the callback would have to sleep.</summary>
    public Func<MmuNotifierSubscription, MmuNotifierRange, ValueTask<int>>? InvalidateRangeStart { get; init; }

    public Func<MmuNotifierSubscription, MmuNotifierRange, ValueTask>? InvalidateRangeEnd { get; init; }

    /// <summary>(subscription, mm, start, end): called under the page-table lock, must not sleep.</summary>
    public Func<MmuNotifierSubscription, MmStruct, ulong, ulong, ValueTask>? ArchInvalidateSecondaryTlbs { get; init; }

    /// <summary>Get/put interface: a new subscription for the mm, or an error pointer.</summary>
    public Func<MmStruct, ValueTask<ErrPtr<MmuNotifierSubscription>>>? AllocNotifier { get; init; }

    /// <summary>Get/put interface: runs from an SRCU callback after the last put; cannot sleep.</summary>
    public Func<MmuNotifierSubscription, ValueTask>? FreeNotifier { get; init; }

    public override string ToString() => Name;
}

/// <summary>struct mmu_interval_notifier_ops.</summary>
public sealed class MmuIntervalNotifierOps
{
    public string Name { get; init; } = "interval_ops";

    /// <summary>
    /// (interval_sub, range, cur_seq) → false only when the range is not blockable and the callback
    /// would have to sleep. It must call mmu_interval_set_seq under the driver's lock.
    /// </summary>
    public required Func<MmuIntervalNotifier, MmuNotifierRange, ulong, ValueTask<bool>> Invalidate { get; init; }

    public override string ToString() => Name;
}
