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
/// An hlist user with invalidate_range_start and nothing else, whose work needs a sleeping lock
/// (the shape of the GPU userptr notifiers before the interval API). It cannot do that work
/// when told not to sleep, so it fails every non-blockable range with -EAGAIN; having no end
/// to pair, it is allowed to. It maps nothing: it exists to make a non-blocking start fail
/// after other subscribers' starts succeeded.
/// </summary>
public sealed class StartOnlyUser : HlistUser
{
    private readonly IMutex _lock;

    public StartOnlyUser(ModelWorld world, SubscriptionSpec spec) : base(world, spec)
    {
        _lock = world.Rt.NewMutex($"{Name}.mutex");
        var ops = world.Audit.WrapHlist(new MmuNotifierOps { Name = world.Rt.Intern($"{Name}.ops"), InvalidateRangeStart = InvalidateRangeStart }, _ => Audit, null);
        Sub = new MmuNotifierSubscription(world.Rt, Name, ops, Memory);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
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
}
