// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Kernel.Mm;

namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>
/// The port of the inline helpers of include/linux/mmu_notifier.h, in the header's order: the
/// wrappers the core MM calls (which skip the notifier entirely on an mm without subscriptions)
/// and the sequence helpers interval subscribers call.
/// </summary>
public sealed class MmuNotifierH
{
    private const string File = "include/linux/mmu_notifier.h";

    private readonly KernelInstance _k;

    internal MmuNotifierH(KernelInstance kernel) => _k = kernel;

    private MmuNotifierC C => _k.Notifier;

    [KernelFunction("mmu_notifier_range_blockable", File = File)]
    public static bool MmuNotifierRangeBlockable(MmuNotifierRange range) =>
        (range.Flags & MmuNotifierRange.MMU_NOTIFIER_RANGE_BLOCKABLE) != 0;

    /// <summary>A plain (unlikely-annotated) read of mm->notifier_subscriptions.</summary>
    [KernelFunction("mm_has_notifiers", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MmHasNotifiers(MmStruct mm) => await mm.NotifierSubscriptions.Read() is not null;

    [KernelFunction("mmu_notifier_get", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ErrPtr<MmuNotifierSubscription>> MmuNotifierGet(MmuNotifierOps ops, MmStruct mm)
    {
        ErrPtr<MmuNotifierSubscription> ret;

        await MmapLockOps.MmapWriteLock(mm);
        ret = await C.MmuNotifierGetLocked(ops, mm);
        await MmapLockOps.MmapWriteUnlock(mm);
        return ret;
    }

    /// <summary>
    /// Called by an invalidate callback, under the same driver lock that protects
    /// mmu_interval_read_retry, to record the (odd) cur_seq it was handed. v1 of the interval
    /// notifier had no such helper (its core stored the sequence in mn_itree_invalidate), so in
    /// that variant a driver's call stores nothing.
    /// </summary>
    [KernelFunction("mmu_interval_set_seq", File = File)]
    public static ValueTask MmuIntervalSetSeq(MmuIntervalNotifier intervalSub, ulong curSeq) =>
        intervalSub.Mm is { Variant.V1SeqWriteOutsideUserLock: true } ? ValueTask.CompletedTask : intervalSub.InvalidateSeq.WriteOnce(curSeq);

    /// <summary>
    /// Under the driver lock: true if an invalidation collided with the section that
    /// mmu_interval_read_begin returned <paramref name="seq"/> for, so the caller must retry.
    /// </summary>
    [KernelFunction("mmu_interval_read_retry", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> MmuIntervalReadRetry(MmuIntervalNotifier intervalSub, ulong seq) =>
        await intervalSub.InvalidateSeq.Read() != seq;

    /// <summary>
    /// Lock-free early test: true means read_retry will say retry; false proves nothing.
    /// </summary>
    [KernelFunction("mmu_interval_check_retry", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> MmuIntervalCheckRetry(MmuIntervalNotifier intervalSub, ulong seq) =>
        await intervalSub.InvalidateSeq.ReadOnce() != seq;

    [KernelFunction("mmu_notifier_subscriptions_destroy", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask MmuNotifierSubscriptionsDestroy(MmStruct mm)
    {
        if (await MmHasNotifiers(mm))
            await C.__MmuNotifierSubscriptionsDestroy(mm);
    }

    [KernelFunction("mmu_notifier_release", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask MmuNotifierRelease(MmStruct mm)
    {
        if (await MmHasNotifiers(mm))
            await C.__MmuNotifierRelease(mm);
    }

    [KernelFunction("mmu_notifier_clear_flush_young", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> MmuNotifierClearFlushYoung(MmStruct mm, ulong start, ulong end)
    {
        if (await MmHasNotifiers(mm))
            return await C.__MmuNotifierClearFlushYoung(mm, start, end);
        return 0;
    }

    [KernelFunction("mmu_notifier_clear_young", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> MmuNotifierClearYoung(MmStruct mm, ulong start, ulong end)
    {
        if (await MmHasNotifiers(mm))
            return await C.__MmuNotifierClearYoung(mm, start, end);
        return 0;
    }

    [KernelFunction("mmu_notifier_test_young", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> MmuNotifierTestYoung(MmStruct mm, ulong address)
    {
        if (await MmHasNotifiers(mm))
            return await C.__MmuNotifierTestYoung(mm, address);
        return 0;
    }

    [KernelFunction("mmu_notifier_change_pte", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask MmuNotifierChangePte(MmStruct mm, ulong address, ulong pte)
    {
        if (await MmHasNotifiers(mm))
            await C.__MmuNotifierChangePte(mm, address, pte);
    }

    /// <summary>The blocking start: callbacks may sleep; errors cannot happen (and are ignored) here.</summary>
    [KernelFunction("mmu_notifier_invalidate_range_start", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask MmuNotifierInvalidateRangeStart(MmuNotifierRange range)
    {
        _k.Rt.MightSleep("mmu_notifier_invalidate_range_start");

        C.InvalidateRangeStartMap.Acquire();
        if (await MmHasNotifiers(range.Mm))
        {
            range.Flags |= MmuNotifierRange.MMU_NOTIFIER_RANGE_BLOCKABLE;
            await C.__MmuNotifierInvalidateRangeStart(range);
        }

        C.InvalidateRangeStartMap.Release();
    }

    /// <summary>
    /// The non-blocking start (OOM reaper): callbacks must not sleep; on an error the caller may
    /// not touch the range and must not call invalidate_range_end.
    /// </summary>
    [KernelFunction("mmu_notifier_invalidate_range_start_nonblock", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> MmuNotifierInvalidateRangeStartNonblock(MmuNotifierRange range)
    {
        var ret = 0;

        C.InvalidateRangeStartMap.Acquire();
        if (await MmHasNotifiers(range.Mm))
        {
            range.Flags &= ~MmuNotifierRange.MMU_NOTIFIER_RANGE_BLOCKABLE;
            ret = await C.__MmuNotifierInvalidateRangeStart(range);
        }

        C.InvalidateRangeStartMap.Release();
        return ret;
    }

    [KernelFunction("mmu_notifier_invalidate_range_end", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask MmuNotifierInvalidateRangeEnd(MmuNotifierRange range)
    {
        if (MmuNotifierRangeBlockable(range))
            _k.Rt.MightSleep("mmu_notifier_invalidate_range_end");

        if (await MmHasNotifiers(range.Mm))
            await C.__MmuNotifierInvalidateRangeEnd(range);
    }

    [KernelFunction("mmu_notifier_arch_invalidate_secondary_tlbs", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask MmuNotifierArchInvalidateSecondaryTlbs(MmStruct mm, ulong start, ulong end)
    {
        if (await MmHasNotifiers(mm))
            await C.__MmuNotifierArchInvalidateSecondaryTlbs(mm, start, end);
    }

    /// <summary>A range as the core MM builds one before a start/end pair.</summary>
    [KernelFunction("mmu_notifier_range_init", File = File)]
    public static MmuNotifierRange MmuNotifierRangeInit(
        MmuNotifierEvent @event, uint flags, MmStruct mm, ulong start, ulong end, object? owner = null) =>
        new() { Event = @event, Flags = flags, Mm = mm, Start = start, End = end, Owner = owner };
}
