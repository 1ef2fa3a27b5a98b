// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: lock_map_acquire/release only inform lockdep; they never block.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

/// <summary>
/// Remembers which threads acquired it, so a release without an acquire is reported. Nothing
/// checks lock order yet (no lockdep cycle detection): see the limit tests.
/// </summary>
internal sealed class ControlledLockMap(ControlledRuntime runtime, string name) : ILockMap
{
    private readonly List<LogicalThread> _holders = [];

    public string Name { get; } = name;

    public void Acquire() => _holders.Add(runtime.Current);

    public void Release() =>
        Lockdep.CheckHeldForRelease(runtime, _holders.Remove(runtime.Current), "lock_map_release", Name, "never acquired by it");
}
