// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel;

/// <summary>
/// Marks the C# method that ports one kernel function, by its exact C name, so tools and tests
/// can build the kernel-to-C# map and notice a function that lost its port.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class KernelFunctionAttribute(string name) : Attribute, Engine.Traces.INamedFunction
{
    public string Name { get; } = name;

    /// <summary>The kernel source file the function lives in (e.g. "mm/mmu_notifier.c").</summary>
    public string? File { get; init; }
}
