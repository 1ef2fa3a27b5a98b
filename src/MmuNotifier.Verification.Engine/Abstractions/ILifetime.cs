// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// An allocation (kmalloc'd object). Primitives created with an owner check it on every access:
/// touching a cell, lock or callback of a freed object is reported as a use-after-free.
/// </summary>
public interface ILifetime
{
    string Name { get; }

    bool IsFreed { get; }

    /// <summary>kfree: a scheduling point; freeing twice is reported as a double free.</summary>
    ValueTask Free();

    /// <summary>Reports a use-after-free if the object is freed; <paramref name="what"/> names the access (e.g. "ops->invalidate").</summary>
    void CheckAlive(string what);
}
