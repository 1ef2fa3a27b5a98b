// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;
using static MmuNotifier.Verification.Kernel.Hlist.RculistOps;

namespace MmuNotifier.Verification.Models.Tests.BrokenModels;

/// <summary>KVM, secondary-TLB and get/put users broken in one step each.</summary>
internal static class BrokenHlistUsers
{
    /// <summary>It bumps its sequence in start instead of end.</summary>
    public sealed class KvmBumpsSeqAtStart(ModelWorld w, SubscriptionSpec s) : KvmUser(w, s)
    {
        protected override ValueTask StartUnderMmuLock() => BumpSeq();

        protected override ValueTask EndUnderMmuLock() => ValueTask.CompletedTask;
    }

    /// <summary>After registering it drops its mm_count pin and then one more it never took.</summary>
    public sealed class KvmDropsForeignMmCount(ModelWorld w, SubscriptionSpec s) : KvmUser(w, s)
    {
        protected override async ValueTask AfterRegister()
        {
            await base.AfterRegister();
            await W.Kernel.Sched.Mmdrop(W.Mm);
            await W.Kernel.Sched.Mmdrop(W.Mm);
        }
    }

    /// <summary>After registering, its ops gain arch_invalidate_secondary_tlbs too (evading register's check).</summary>
    public sealed class KvmSwapsToBothOps(ModelWorld w, SubscriptionSpec s) : KvmUser(w, s)
    {
        protected override async ValueTask AfterRegister()
        {
            await base.AfterRegister();
            Sub.Ops = W.Audit.WrapHlist(new MmuNotifierOps
            {
                Name = $"{Name}.both_ops",
                InvalidateRangeStart = InvalidateRangeStart,
                InvalidateRangeEnd = InvalidateRangeEnd,
                ArchInvalidateSecondaryTlbs = (_, _, _, _) => ValueTask.CompletedTask,
            }, _ => Audit, Mmu);
        }
    }

    /// <summary>
    /// Its unregister calls ->release without first asking whether exit_mmap already unhashed
    /// it. (Skipping the grace period is the port defect unregister-no-synchronize instead.)
    /// </summary>
    public sealed class KvmUnregisterIgnoresUnhashed(ModelWorld w, SubscriptionSpec s) : KvmUser(w, s)
    {
        protected override async ValueTask Unregister()
        {
            var srcu = W.Kernel.Notifier.Srcu;
            var id = await srcu.ReadLock();
            if (Sub.Ops!.Release is { } release) await release(Sub, W.Mm);
            await srcu.ReadUnlock(id);

            var subscriptions = (await W.Mm.NotifierSubscriptions.Read())!;
            await subscriptions.Lock.Lock();
            await HlistDelInitRcu(Sub.Hlist);
            await subscriptions.Lock.Unlock();

            await srcu.Synchronize();
            await W.Kernel.Sched.Mmdrop(W.Mm);
        }
    }

    /// <summary>
    /// Its unregister calls ->release outside any SRCU read section, so exit_mmap's
    /// synchronize_srcu does not wait for it; the rest is mmu_notifier_unregister's.
    /// </summary>
    public sealed class KvmReleasesOutsideSrcu(ModelWorld w, SubscriptionSpec s) : KvmUser(w, s)
    {
        protected override async ValueTask Unregister()
        {
            if (!await HlistUnhashed(Sub.Hlist) && Sub.Ops!.Release is { } release) await release(Sub, W.Mm);

            var subscriptions = (await W.Mm.NotifierSubscriptions.Read())!;
            await subscriptions.Lock.Lock();
            await HlistDelInitRcu(Sub.Hlist);
            await subscriptions.Lock.Unlock();

            await W.Kernel.Notifier.Srcu.Synchronize();
            await W.Kernel.Sched.Mmdrop(W.Mm);
        }
    }

    /// <summary>
    /// Its get open-codes the lookup: under subscriptions->lock it takes a reference on the first
    /// subscription of the list, whatever its ops, and falls back to mmu_notifier_get on an empty list.
    /// </summary>
    public sealed class GetPutTakesFirstOnList(ModelWorld w, SubscriptionSpec s) : GetPutUser(w, s)
    {
        protected override async ValueTask<ErrPtr<MmuNotifierSubscription>> Get(MmuNotifierOps ops)
        {
            if (await W.Mm.NotifierSubscriptions.Read() is not { } subscriptions) return await base.Get(ops);
            await subscriptions.Lock.Lock();
            var first = (await subscriptions.List.First.Read())?.Owner;
            if (first is not null) await first.Users.Write(await first.Users.Read() + 1);
            await subscriptions.Lock.Unlock();
            return first is null ? await base.Get(ops) : first;
        }
    }

    /// <summary>It takes a mutex in arch_invalidate_secondary_tlbs, under the page-table lock.</summary>
    public sealed class TlbSleeps : SecondaryTlbUser
    {
        private readonly IMutex _iommuMutex;

        public TlbSleeps(ModelWorld w, SubscriptionSpec s) : base(w, s) => _iommuMutex = w.Rt.NewMutex($"{Name}.iommu_mutex");

        protected override async ValueTask ArchInvalidateSecondaryTlbs(MmuNotifierSubscription sub, MmStruct mm, ulong start, ulong end)
        {
            await _iommuMutex.Lock();
            await _iommuMutex.Unlock();
            await base.ArchInvalidateSecondaryTlbs(sub, mm, start, end);
        }
    }

    /// <summary>Its arch_invalidate_secondary_tlbs does nothing.</summary>
    public sealed class TlbSkipsFlush(ModelWorld w, SubscriptionSpec s) : SecondaryTlbUser(w, s)
    {
        protected override ValueTask ArchInvalidateSecondaryTlbs(MmuNotifierSubscription sub, MmStruct mm, ulong start, ulong end) =>
            ValueTask.CompletedTask;
    }

    /// <summary>Its release neither zaps nor stops faults.</summary>
    public sealed class TlbIgnoresRelease(ModelWorld w, SubscriptionSpec s) : SecondaryTlbUser(w, s)
    {
        protected override ValueTask Release(MmuNotifierSubscription sub, MmStruct mm) => ValueTask.CompletedTask;
    }

    /// <summary>Its alloc_notifier leaks its private data when the second allocation fails.</summary>
    public sealed class GetPutLeaksOnEnomem(ModelWorld w, SubscriptionSpec s) : GetPutUser(w, s)
    {
        protected override async ValueTask<ErrPtr<MmuNotifierSubscription>> AllocNotifier(MmStruct mm)
        {
            var privateData = await W.Kernel.Slab.Kzalloc($"{Name}.private");
            var memory = await W.Kernel.Slab.Kzalloc($"{Name}.notifier");
            if (memory is null) return ErrPtr<MmuNotifierSubscription>.Err(-Errno.ENOMEM); // without kfree(privateData)
            await W.Kernel.Slab.Kfree(privateData);
            return Adopt(memory);
        }
    }

    /// <summary>It pins the mm with an mmgrab it never drops.</summary>
    public sealed class GetPutLeaksMmCount(ModelWorld w, SubscriptionSpec s) : GetPutUser(w, s)
    {
        public override async ValueTask<int> Subscribe(OpSpec op)
        {
            var ret = await base.Subscribe(op);
            if (ret == 0) await W.Kernel.Sched.Mmgrab(W.Mm);
            return ret;
        }
    }
}
