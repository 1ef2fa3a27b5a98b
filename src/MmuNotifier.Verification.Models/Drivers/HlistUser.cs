// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
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
/// </summary>
public abstract class HlistUser(ModelWorld world, SubscriptionSpec spec) : UserModel(world, spec)
{
    private bool _registered;

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
        if (!IsLive) return;
        Audit.RacingUnregister = !Audit.ReleasedByExit;
        await Unregister();
        W.Audit.Unregistered(Audit, CallbackAudit.ByUnregister);
    }

    /// <summary>mmu_notifier_unregister; a test subclass may break it.</summary>
    protected virtual ValueTask Unregister() => W.Kernel.Notifier.MmuNotifierUnregister(Sub, W.Mm);

    public override ValueTask Cleanup() => Unsubscribe(new OpSpec(OpKind.Unregister, Name));
}
