// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>
/// A thread arriving at an access whose outcome its arrival already settles in part
/// (<see cref="PendingAccess.DecidedAtPark"/>): synchronize_srcu or srcu_barrier on
/// <paramref name="Target"/> capturing its readers or callbacks, a down_write queuing on a taken
/// rw-semaphore, a down_read taking its place behind the writers queued by then.
/// </summary>
internal readonly record struct Park(int Thread, int Target, AccessKind Kind)
{
    /// <summary>A grace period or barrier wait (what <see cref="GracePeriods"/> follows).</summary>
    public bool IsSrcuWait => Kind is AccessKind.Synchronize or AccessKind.SrcuBarrier;

    /// <summary>Where the step left its own thread and the threads it spawned, of those parkings that decide something.</summary>
    public static Park[] Of(in ExecutedStep step)
    {
        List<Park>? parks = null;
        if (step.Next is { DecidedAtPark: true } next) (parks ??= []).Add(new Park(step.Thread, next.TargetId, next.Kind));
        if (step.SpawnedAt is { } spawned)
        {
            for (var i = 0; i < spawned.Count; i++)
                if (spawned[i] is { DecidedAtPark: true } first) (parks ??= []).Add(new Park(step.ThreadsBefore + i, first.TargetId, first.Kind));
        }

        return parks?.ToArray() ?? [];
    }

    /// <summary>The parkings that decide something among threads parked before the first step (<see cref="IStepObserver.RunStarted"/>).</summary>
    public static Park[] Of(IReadOnlyList<(int Thread, PendingAccess Access)> parked) =>
        parked.Where(p => p.Access.DecidedAtPark).Select(p => new Park(p.Thread, p.Access.TargetId, p.Access.Kind)).ToArray();
}
