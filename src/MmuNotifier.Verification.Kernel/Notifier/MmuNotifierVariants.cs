// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;
using static MmuNotifier.Verification.Kernel.Notifier.CIdioms;

namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>
/// The port defects that change more than one line, one method per defect, named after its
/// <see cref="Defects.PortVariant"/> field. Each replaces a few lines of one kernel function of
/// MmuNotifierC.cs, which calls it in one line when the field is set; the faithful lines stay
/// there, next to the call.
/// </summary>
internal static class MmuNotifierVariants
{
    /// <summary>
    /// read-begin-unlocked, in mmu_interval_read_begin: the two sequences are compared without
    /// subscriptions->lock. Without the lock nothing orders the two loads, and the global one may
    /// be satisfied first, which is the order modelled here.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(ulong Seq, bool IsInvalidating)> ReadBeginUnlocked(
        MmuNotifierSubscriptions subscriptions, MmuIntervalNotifier intervalSub)
    {
        var global = await subscriptions.InvalidateSeq.ReadOnce();
        var seq = await intervalSub.InvalidateSeq.ReadOnce();
        return (seq, seq == global);
    }

    /// <summary>
    /// v1-release-warn-inverted, in mn_itree_release: v1's WARN_ON tested the invalidate's
    /// success instead of its failure.
    /// </summary>
    public static void V1ReleaseWarnInverted(IRuntime rt, MmuIntervalNotifier intervalSub, bool ret) =>
        rt.WarnOn(ret, $"mn_itree_release: {intervalSub.Name}'s invalidate succeeded (v1's inverted WARN_ON(ret))");

    /// <summary>
    /// rfc-register-null-ops, in __mmu_notifier_register: the RFC's both-ops test reads
    /// subscription->ops without first testing for the NULL subscription of interval-tree
    /// registration. That NULL dereference is an oops, reported as BUG so the run stops there.
    /// </summary>
    public static bool RfcRegisterNullOps(IRuntime rt, MmuNotifierSubscription? subscription)
    {
        rt.BugOn(subscription is null, "NULL pointer dereference: subscription->ops read with subscription == NULL");
        var ops = OpsOf(subscription!, "subscription->ops");
        return ops.ArchInvalidateSecondaryTlbs is not null &&
               (ops.InvalidateRangeStart is not null || ops.InvalidateRangeEnd is not null);
    }
}
