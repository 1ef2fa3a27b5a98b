// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>
/// C idioms the port of mm/mmu_notifier.c needs that have no single C# counterpart. None of these
/// is a kernel function; they keep the ported bodies in MmuNotifierC.cs line-for-line with the C.
/// </summary>
internal static class CIdioms
{
    /// <summary>subscription->ops, checking first that the subscription has not been freed.</summary>
    public static MmuNotifierOps OpsOf(MmuNotifierSubscription subscription, string what)
    {
        // The full text is only needed for a report; building it at every call was a string per callback.
        if (subscription.Lifetime is { } lifetime) lifetime.CheckAlive(lifetime.IsFreed ? $"{what} of {subscription.Name}" : what);
        return subscription.Ops ?? throw new NullReferenceException($"{what}: {subscription.Name} has NULL ops");
    }

    /// <summary>
    /// interval_sub->ops->invalidate(interval_sub, range, cur_seq). The kernel does not wrap this
    /// call in non_block_start(); the port does (a checking addition), because the interval ops
    /// contract forbids sleeping in a non-blockable invalidation just the same and the checker
    /// should see a driver that breaks it.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> CallInvalidate(IRuntime rt, MmuIntervalNotifier intervalSub, MmuNotifierRange range, ulong curSeq)
    {
        if (intervalSub.Lifetime is { } lifetime)
            lifetime.CheckAlive(lifetime.IsFreed ? $"interval_sub->ops->invalidate of {intervalSub.Name}" : "interval_sub->ops->invalidate");
        using (NonBlockStart(rt, range))
            return await intervalSub.Ops!.Invalidate(intervalSub, range, curSeq);
    }

    /// <summary>
    /// <c>if (!mmu_notifier_range_blockable(range)) non_block_start();</c> and the matching
    /// non_block_end() when the returned scope is disposed.
    /// </summary>
    public static NoSleepScope NonBlockStart(IRuntime rt, MmuNotifierRange range) =>
        MmuNotifierH.MmuNotifierRangeBlockable(range) ? default : rt.EnterNoSleep("non-blockable invalidation");

    /// <summary>WARN_ON_ONCE: reports the first time only, but always returns the condition.</summary>
    public static bool WarnOnOnce(IRuntime rt, ref bool warned, bool condition, string message)
    {
        if (!condition) return false;
        if (!warned)
        {
            warned = true;
            rt.WarnOn(true, message);
        }

        return true;
    }

    /// <summary>check_add_overflow for unsigned long: stores the wrapped sum, returns true on wrap.</summary>
    public static bool CheckAddOverflow(ulong a, ulong b, out ulong sum)
    {
        sum = unchecked(a + b);
        return sum < a;
    }

    /// <summary>C's <c>--x</c> on a field: a read and a write, returning the new value.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<uint> PreDecrement(ICell<uint> cell)
    {
        var value = unchecked(await cell.Read() - 1);
        await cell.Write(value);
        return value;
    }

    /// <summary>
    /// wait_event(subscriptions->wq, mmu_interval_seq_released(subscriptions, seq)).
    /// The kernel's condition takes subscriptions->lock, but a runtime condition is evaluated
    /// atomically and cannot take locks. So the lock-free test only decides when to stop
    /// sleeping, and the locked test decides when to leave — exactly as the kernel would observe,
    /// without leaving while mn_itree_inv_end still holds the lock and processes the deferred list.
    /// The sequence only moves forward, so once the lock-free test passes the locked one does too.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask WaitEventSeqReleased(MmuNotifierC notifier, MmuNotifierSubscriptions subscriptions, ulong seq)
    {
        while (!await notifier.MmuIntervalSeqReleased(subscriptions, seq))
            await subscriptions.Wq.WaitEvent(subscriptions.InvalidateSeq, current => current != seq);
    }
}
