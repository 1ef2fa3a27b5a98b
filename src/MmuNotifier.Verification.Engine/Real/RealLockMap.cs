// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Real;

// Models struct lockdep_map: a pseudo-lock for lock-order checking only; the real runtime checks no lock order, so it is bookkeeping-free.
internal sealed class RealLockMap(string name) : ILockMap
{
    public string Name { get; } = name;

    public void Acquire()
    {
    }

    public void Release()
    {
    }
}
