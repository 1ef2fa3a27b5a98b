// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// What every hlist user (mmu_notifier_register / mmu_notifier_unregister) does the same way:
/// register at setup or from its threads, unregister once, and tell the audit whether the
/// unregister raced exit_mmap's release. Concrete users add their ops and faults.
/// The struct mmu_notifier lives in the driver's own allocation (<see cref="Memory"/>), which the
/// driver frees as soon as mmu_notifier_unregister returns, as kvm_destroy_vm and the SVA unbind
/// paths do: the kernel promises that no callback runs and no list walk reaches it after that.
/// </summary>
public abstract class HlistUser(ModelWorld world, SubscriptionSpec spec) : UserModel(world, spec)
{
    private bool _registered;
    private bool _unregistered;

    /// <summary>The driver's struct that embeds the mmu_notifier; pass it to the subscription.</summary>
    protected ILifetime Memory { get; } = world.Rt.NewLifetime($"{spec.Name}.notifier");

    /// <summary>The driver holds its struct until it frees it after unregister.</summary>
    public override IEnumerable<ILifetime?> OwnedAllocations => Memory.IsFreed ? [] : [Memory];

    /// <summary>Set by the concrete user's constructor, once its ops exist.</summary>
    public MmuNotifierSubscription Sub { get; protected init; } = null!;

    public SubscriptionAudit Audit { get; } = new(spec.Name);

    /// <summary>Registered, and neither unregistered nor released by exit_mmap since.</summary>
    public bool IsLive => _registered && !Audit.Gone;

    public override IEnumerable<SubscriptionAudit> HlistAudits => [Audit];

    public override int MmPins => IsLive ? 1 : 0;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Setup()
    {
        if (Spec.AtSetup) await Subscribe(new OpSpec(OpKind.Register, Name));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> Subscribe(OpSpec op)
    {
        var ret = await W.Kernel.Notifier.MmuNotifierRegister(Sub, W.Mm);
        if (W.Rt.IsTracing) W.Rt.Annotate($"{Name}: mmu_notifier_register = {Errno.Name(ret)}");
        if (ret != 0) return ret;
        _registered = true;
        await AfterRegister();
        return 0;
    }

    /// <summary>The driver's own bookkeeping once it is on the list (marking itself live, ...).</summary>
    protected virtual ValueTask AfterRegister() => ValueTask.CompletedTask;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Unsubscribe(OpSpec op)
    {
        if (_unregistered)
        {
            // A second unregister of the same subscription (fuzz --misuse): the driver calls in
            // again with the struct it freed after the first one.
            await W.Kernel.Notifier.MmuNotifierUnregister(Sub, W.Mm);
            return;
        }

        if (!IsLive) return;
        Audit.RacingUnregister = !Audit.ReleasedByExit;
        await Unregister();
        _unregistered = true;
        W.Audit.Unregistered(Audit, CallbackAudit.ByUnregister);
        await W.Kernel.Slab.Kfree(Memory);
    }

    /// <summary>mmu_notifier_unregister; a test subclass may break it.</summary>
    protected virtual ValueTask Unregister() => W.Kernel.Notifier.MmuNotifierUnregister(Sub, W.Mm);

    /// <summary>Unregisters what is still registered; a struct that never got registered is freed as it is.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Cleanup()
    {
        if (!_unregistered) await Unsubscribe(new OpSpec(OpKind.Unregister, Name));
        if (!Memory.IsFreed && !_unregistered) await W.Kernel.Slab.Kfree(Memory);
    }
}
