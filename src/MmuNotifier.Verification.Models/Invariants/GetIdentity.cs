// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// get-identity: mmu_notifier_get(ops, mm) returns the mm's subscription registered with those
/// ops, or a new one made for them. The caller turns the pointer into its own structure with
/// container_of, so a subscription of another subscriber (another driver's struct) is memory
/// corruption that nothing else in a run shows: the counts still balance, and the foreign
/// subscriber goes on being notified.
/// </summary>
public sealed class GetIdentity : ModelInvariant, IModelObserver
{
    public override string Name => InvariantNames.GetIdentity;

    public void NotifierGot(MmuNotifierOps ops, MmuNotifierSubscription sub)
    {
        if (!ReferenceEquals(sub.Ops, ops))
            Report($"mmu_notifier_get({ops.Name}) returned {sub.Name}, which is registered with {sub.Ops?.Name ?? "no ops"}");
    }
}
