// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Primitives;

namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// The one KASAN check of a memory access that is not a scheduling point: a plain field
/// (<see cref="Plain{T}"/>), a link of a list or tree node embedded in an allocation, a pointer
/// (ops, mm) read out of a freed struct. Under the controlled runtime the access is noted as a
/// touch of the allocation whether it is freed or not (so a reducing strategy orders it against
/// the kfree) and reported, naming the free, when the allocation is freed and the kasan detector
/// is on. Under the real runtime it is the lifetime's own check.
/// </summary>
public static class Kasan
{
    /// <summary>Checks an access to memory of <paramref name="owner"/>; null is memory no allocation owns (nothing to check).</summary>
    /// <param name="access">What the access is, e.g. "plain read of node.value".</param>
    public static void Access(ILifetime? owner, string access)
    {
        switch (owner)
        {
            case null: return;
            case ControlledLifetime controlled: controlled.Runtime.CheckAliveAt(controlled, access); return;
            default: owner.CheckAlive(access); return;
        }
    }

    /// <summary>
    /// As <see cref="Access(ILifetime?, string)"/>, for the hot paths of list and tree walks: the
    /// report text "<paramref name="access"/> of <paramref name="of"/>" is only built when the
    /// owner is freed.
    /// </summary>
    public static void Access(ILifetime? owner, string access, object of)
    {
        if (owner is null) return;
        Access(owner, owner.IsFreed ? $"{access} of {of}" : access);
    }
}
