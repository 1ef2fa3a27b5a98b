// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>A thread parked at an SRCU wait: synchronize_srcu or srcu_barrier on <paramref name="Domain"/>.</summary>
internal readonly record struct SrcuPark(int Thread, int Domain, AccessKind Kind)
{
    public static SrcuPark[] Of(in ExecutedStep step)
    {
        List<SrcuPark>? parks = null;
        if (IsWait(step.Next)) (parks ??= []).Add(new SrcuPark(step.Thread, step.Next!.Value.TargetId, step.Next.Value.Kind));
        if (step.SpawnedAt is { } spawned)
        {
            for (var i = 0; i < spawned.Count; i++)
                if (IsWait(spawned[i])) (parks ??= []).Add(new SrcuPark(step.ThreadsBefore + i, spawned[i]!.Value.TargetId, spawned[i]!.Value.Kind));
        }

        return parks?.ToArray() ?? [];
    }

    private static bool IsWait(PendingAccess? access) => access is { Kind: AccessKind.Synchronize or AccessKind.SrcuBarrier };
}
