// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
namespace MmuNotifier.Verification.Kernel.Mm;

/// <summary>
/// The mm reference counts of include/linux/sched/mm.h and kernel/fork.c. Only the steps that
/// matter to the notifier are kept: the last mmput runs exit_mmap (a hook the core-MM models
/// supply), the last mmdrop destroys the notifier subscriptions and frees the mm.
/// </summary>
public sealed class SchedMm(KernelInstance kernel)
{
    /// <summary>mmgrab: pin the struct (not the address space).</summary>
    [KernelFunction("mmgrab", File = "include/linux/sched/mm.h")]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Mmgrab(MmStruct mm) => await mm.MmCount.AddReturn(1);

    [KernelFunction("mmdrop", File = "include/linux/sched/mm.h")]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Mmdrop(MmStruct mm)
    {
        if (await mm.MmCount.DecAndTest()) await __Mmdrop(mm);
    }

    [KernelFunction("__mmdrop", File = "kernel/fork.c")]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask __Mmdrop(MmStruct mm)
    {
        await kernel.Header.MmuNotifierSubscriptionsDestroy(mm);
        await mm.Lifetime.Free();
    }

    [KernelFunction("mmget_not_zero", File = "include/linux/sched/mm.h")]
    public ValueTask<bool> MmgetNotZero(MmStruct mm) => mm.MmUsers.IncNotZero();

    [KernelFunction("mmput", File = "kernel/fork.c")]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Mmput(MmStruct mm)
    {
        kernel.Rt.MightSleep("mmput");
        if (await mm.MmUsers.DecAndTest()) await __Mmput(mm);
    }

    [KernelFunction("__mmput", File = "kernel/fork.c")]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask __Mmput(MmStruct mm)
    {
        await kernel.ExitMmap(mm);
        await Mmdrop(mm);
    }
}
