// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// An hlist user with invalidate_range_start and nothing else, whose work needs a sleeping lock
/// (the shape of the GPU userptr notifiers before the interval API). It cannot do that work
/// when told not to sleep, so it fails every non-blockable range with -EAGAIN; having no end
/// to pair, it is allowed to. It maps nothing: it exists to make a non-blocking start fail
/// after other subscribers' starts succeeded.
/// </summary>
public sealed class StartOnlyUser : UserModel
{
    private readonly IMutex _lock;
    private bool _registered;

    public StartOnlyUser(ModelWorld world, SubscriptionSpec spec) : base(world, spec)
    {
        _lock = world.Rt.NewMutex($"{Name}.mutex");
        Audit = new SubscriptionAudit(Name);
        var ops = world.Audit.WrapHlist(new MmuNotifierOps { Name = $"{Name}.ops", InvalidateRangeStart = InvalidateRangeStart }, _ => Audit, null);
        Sub = new MmuNotifierSubscription(world.Rt, Name, ops);
    }

    public MmuNotifierSubscription Sub { get; }

    public SubscriptionAudit Audit { get; }

    public bool IsRegistered => _registered;

    public override async ValueTask Setup()
    {
        if (Spec.AtSetup) await Subscribe(new OpSpec(OpKind.Register, Name));
    }

    private async ValueTask<int> InvalidateRangeStart(MmuNotifierSubscription sub, MmuNotifierRange range)
    {
        if (!MmuNotifierH.MmuNotifierRangeBlockable(range))
        {
            if (W.Rt.IsTracing) W.Rt.Annotate($"{Name} invalidate_range_start {range}: would sleep, -EAGAIN");
            return -Errno.EAGAIN;
        }

        await _lock.Lock();
        await _lock.Unlock();
        return 0;
    }

    public override async ValueTask<int> Subscribe(OpSpec op)
    {
        var ret = await W.Kernel.Notifier.MmuNotifierRegister(Sub, W.Mm);
        if (W.Rt.IsTracing) W.Rt.Annotate($"{Name}: mmu_notifier_register = {Errno.Name(ret)}");
        if (ret == 0) _registered = true;
        return ret;
    }

    public override async ValueTask Unsubscribe(OpSpec op)
    {
        if (!_registered || Audit.Gone) return;
        Audit.RacingUnregister = !Audit.ReleasedByExit;
        await W.Kernel.Notifier.MmuNotifierUnregister(Sub, W.Mm);
        W.Audit.Unregistered(Audit, "mmu_notifier_unregister");
    }

    public override ValueTask Cleanup() => Unsubscribe(new OpSpec(OpKind.Unregister, Name));
}
