// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Kernel.Mm;

/// <summary>
/// kzalloc/kfree. An allocation is an <see cref="ILifetime"/> whose cells and locks report any use
/// after kfree; when <see cref="KernelConfig.AllocationsMayFail"/> is on, each allocation may
/// fail through a controlled choice, so the failure paths are explored like interleavings.
/// </summary>
public sealed class Slab(IRuntime rt, KernelConfig config)
{
    /// <summary>kzalloc(size, GFP_KERNEL): may sleep; null when the allocation fails.</summary>
    [KernelFunction("kzalloc", File = "include/linux/slab.h")]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ILifetime?> Kzalloc(PrimitiveName allocation)
    {
        var what = rt.Intern(allocation);
        rt.MightSleep(rt.Intern($"kzalloc({what}, GFP_KERNEL)"));
        if (config.AllocationsMayFail && await rt.ChooseBool($"kzalloc({what}) fails"))
        {
            return null;
        }

        return rt.NewLifetime(what);
    }

    /// <summary>kfree; NULL is a no-op as in the kernel.</summary>
    [KernelFunction("kfree", File = "mm/slab_common.c")]
    public ValueTask Kfree(ILifetime? allocation) => allocation is null ? ValueTask.CompletedTask : allocation.Free();
}
