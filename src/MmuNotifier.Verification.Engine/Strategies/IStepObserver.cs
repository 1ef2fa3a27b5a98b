// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Optional for a strategy: told, after every step, what that step actually did. Partial-order
/// reduction needs it, because a step is more than its pending access: the code that runs after
/// the access, up to the thread's next scheduling point, may spawn threads, check a lifetime,
/// trigger invariant monitors, and park on an access whose arguments it captured then.
/// </summary>
public interface IStepObserver
{
    /// <summary>
    /// The run is about to take its first step with these threads parked, each at the access its
    /// code ran up to before any step (threads start eagerly): where they parked may already fix
    /// part of an outcome, as a down_write parked on an rw-semaphore is queued once it is next taken.
    /// </summary>
    void RunStarted(IReadOnlyList<(int Thread, PendingAccess Access)> parked);

    void StepTaken(in ExecutedStep step);

    /// <summary>
    /// The run is over with these threads unfinished, each with the access it is parked at: the
    /// threads of a deadlock, or those a bug or the step bound stopped. Their next steps never
    /// ran, yet they race with what did (a blocked acquire with the acquire that blocked it).
    /// <paramref name="enabled"/> are those of them that could have gone on: none after a
    /// deadlock, the others a stop cut short.
    /// </summary>
    void RunEnded(IReadOnlyList<(int Thread, PendingAccess Access)> unfinished, IReadOnlyList<int> enabled);
}

/// <summary>What one step did.</summary>
/// <param name="Thread">The thread that ran.</param>
/// <param name="ThreadObjectId">That thread's object id (what a join names as its target).</param>
/// <param name="Access">The access it carried out.</param>
/// <param name="Next">The access it parked at afterwards, or null when it finished or the run stopped.</param>
/// <param name="ThreadsBefore">Threads in the run before the step.</param>
/// <param name="ThreadCount">Threads in the run after the step: more than before when it spawned some.</param>
/// <param name="WatchedViews">
/// One bit per watch set (<see cref="IRuntime.AddMonitor"/>) whose monitors ran after this step
/// because it touched a watched object.
/// </param>
/// <param name="ChangedViews">
/// One bit per monitor without a watch set whose declared reads (<see cref="MonitorReads"/>) this
/// step changed; a monitor that declares none sets its bit after every step.
/// </param>
/// <param name="Touched">Lifetimes the step's code checked outside a scheduling point (CheckAlive), or null.</param>
/// <param name="Slept">The step put its thread to sleep on a wait queue (wait_event with its condition false, or a raw sleep), waiting for a wake-up, or at a barrier, waiting for its round's last arrival.</param>
/// <param name="SpawnedAt">
/// The access each thread the step spawned parked at (in spawn order; null for one that already
/// finished), or null when it spawned none: a child runs up to its first scheduling point inside
/// its parent's step and may capture state there, as synchronize_srcu captures its readers.
/// </param>
/// <param name="TryLockTaken">The access was a trylock (<see cref="AccessKind.TryAcquire"/>, <see cref="AccessKind.TryAcquireRead"/>) and it took the lock: it opened a critical section.</param>
public readonly record struct ExecutedStep(
    int Thread,
    int ThreadObjectId,
    PendingAccess Access,
    PendingAccess? Next,
    int ThreadsBefore,
    int ThreadCount,
    ulong WatchedViews,
    ulong ChangedViews,
    IReadOnlyList<int>? Touched,
    bool Slept = false,
    IReadOnlyList<PendingAccess?>? SpawnedAt = null,
    bool TryLockTaken = false)
{
    /// <summary>The step created threads.</summary>
    public bool Spawned => ThreadCount > ThreadsBefore;
}
