// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Kernel.Notifier;

// C idioms the port needs that have no single C# counterpart. None of these is a kernel function
// of mm/mmu_notifier.c; they keep the ported bodies line-for-line with the C.
public sealed partial class MmuNotifierC
{
    /// <summary>subscription->ops, checking first that the subscription has not been freed.</summary>
    private static MmuNotifierOps OpsOf(MmuNotifierSubscription subscription, string what)
    {
        subscription.Lifetime?.CheckAlive($"{what} of {subscription.Name}");
        return subscription.Ops ?? throw new NullReferenceException($"{what}: {subscription.Name} has NULL ops");
    }

    /// <summary>
    /// subscription->ops with no NULL test on subscription: a NULL subscription is a kernel NULL
    /// pointer dereference (an oops), reported as BUG so the run stops there.
    /// </summary>
    private MmuNotifierOps OpsOfMaybeNull(MmuNotifierSubscription? subscription)
    {
        _rt.BugOn(subscription is null, "NULL pointer dereference: subscription->ops read with subscription == NULL");
        return OpsOf(subscription!, "subscription->ops");
    }

    /// <summary>
    /// interval_sub->ops->invalidate(interval_sub, range, cur_seq). The kernel only marks the
    /// hlist callbacks of a non-blockable range with non_block_start; the port marks this one too,
    /// because the interval ops contract forbids sleeping there just the same and the checker
    /// should see a driver that breaks it.
    /// </summary>
    private async ValueTask<bool> CallInvalidate(MmuIntervalNotifier intervalSub, MmuNotifierRange range, ulong curSeq)
    {
        intervalSub.Lifetime?.CheckAlive($"interval_sub->ops->invalidate of {intervalSub.Name}");
        using (NonBlockStart(range))
            return await intervalSub.Ops!.Invalidate(intervalSub, range, curSeq);
    }

    /// <summary>non_block_start()/non_block_end() around a callback of a non-blockable range.</summary>
    private NoSleepScope NonBlockStart(MmuNotifierRange range) =>
        MmuNotifierH.MmuNotifierRangeBlockable(range) ? default : _rt.EnterNoSleep("non-blockable invalidation");

    /// <summary>WARN_ON_ONCE: reports the first time only, but always returns the condition.</summary>
    private bool WarnOnOnce(ref bool warned, bool condition, string message)
    {
        if (!condition) return false;
        if (!warned)
        {
            warned = true;
            _rt.WarnOn(true, message);
        }

        return true;
    }

    /// <summary>check_add_overflow for unsigned long: stores the wrapped sum, returns true on wrap.</summary>
    private static bool CheckAddOverflow(ulong a, ulong b, out ulong sum)
    {
        sum = unchecked(a + b);
        return sum < a;
    }

    /// <summary>C's <c>--x</c> on a field: a read and a write, returning the new value.</summary>
    private static async ValueTask<uint> PreDecrement(ICell<uint> cell)
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
    private async ValueTask WaitEventSeqReleased(MmuNotifierSubscriptions subscriptions, ulong seq)
    {
        while (!await MmuIntervalSeqReleased(subscriptions, seq))
            await subscriptions.Wq.WaitEvent(subscriptions.InvalidateSeq, current => current != seq);
    }
}
