// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Tests.BrokenModels;

/// <summary>HMM mirrors broken in one step each, to make an invariant fire.</summary>
internal static class BrokenMirrors
{
    /// <summary>Its invalidate stores an even sequence.</summary>
    public sealed class EvenSeq(ModelWorld w, SubscriptionSpec s) : HmmMirror(w, s)
    {
        protected override ValueTask StoreSeq(MmuIntervalNotifier sub, ulong curSeq) => base.StoreSeq(sub, curSeq + 1);
    }

    /// <summary>Its invalidate forgets mmu_interval_set_seq.</summary>
    public sealed class SkipsSetSeq(ModelWorld w, SubscriptionSpec s) : HmmMirror(w, s)
    {
        protected override ValueTask StoreSeq(MmuIntervalNotifier sub, ulong curSeq) => ValueTask.CompletedTask;
    }

    /// <summary>
    /// Its fault reads the CPU PTE with a lockless READ_ONCE instead of under the PTL (the
    /// mirror model before it followed the kernel's locked PTE access): nothing orders that read
    /// after a zap read_begin waited out without sleeping, so under lkmm it may see the old PTE.
    /// </summary>
    public sealed class LocklessPteRead(ModelWorld w, SubscriptionSpec s) : HmmMirror(w, s)
    {
        protected override ValueTask<ulong> ReadPte(int page) => W.Pt.Ptes[page].ReadOnce();
    }

    /// <summary>It records the range it meant to subscribe but asks the kernel for one page more.</summary>
    public sealed class InsertsOnePageMore(ModelWorld w, SubscriptionSpec s) : HmmMirror(w, s)
    {
        protected override ValueTask<int> Insert(ulong start, ulong length) => base.Insert(start, length + Pages.PAGE_SIZE);
    }

    /// <summary>Its invalidate does not zap the device page table.</summary>
    public sealed class SkipsZap(ModelWorld w, SubscriptionSpec s) : HmmMirror(w, s)
    {
        protected override void Zap(MmuNotifierRange range)
        {
        }
    }

    /// <summary>Its remove only forgets the subscription instead of calling mmu_interval_notifier_remove.</summary>
    public sealed class FakeRemove(ModelWorld w, SubscriptionSpec s) : HmmMirror(w, s)
    {
        protected override ValueTask Remove()
        {
            W.Audit.Removed(Audit);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Its remove unlinks the node from the tree itself, ignoring a running invalidation.</summary>
    public sealed class RemoveBypassesDefer(ModelWorld w, SubscriptionSpec s) : HmmMirror(w, s)
    {
        protected override async ValueTask Remove()
        {
            var subscriptions = (await W.Mm.NotifierSubscriptions.Read())!;
            await subscriptions.Lock.Lock();
            if (Sub.IntervalTree.InTree) subscriptions.Itree.Remove(Sub.IntervalTree);
            await subscriptions.Lock.Unlock();
            W.Audit.Removed(Audit);
            await W.Kernel.Sched.Mmdrop(W.Mm);
        }
    }

    /// <summary>Its remove queues the node on the deferred list although no invalidation runs.</summary>
    public sealed class RemoveAlwaysDefers(ModelWorld w, SubscriptionSpec s) : HmmMirror(w, s)
    {
        protected override async ValueTask Remove()
        {
            var subscriptions = (await W.Mm.NotifierSubscriptions.Read())!;
            await subscriptions.Lock.Lock();
            subscriptions.DeferredList.AddHead(Sub.DeferredItem);
            await subscriptions.Lock.Unlock();
        }
    }

    /// <summary>It turns a zero-length insert into a one-byte one.</summary>
    public sealed class RoundsUpLength(ModelWorld w, SubscriptionSpec s) : HmmMirror(w, s)
    {
        protected override ValueTask<int> Insert(ulong start, ulong length) => base.Insert(start, length == 0 ? 1 : length);
    }
}
