// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>
/// One step of an execution as DPOR compares it: who ran, which access, and what the step's code
/// did around it (see <see cref="ExecutedStep"/>). <see cref="ChoiceValue"/> is the value a
/// choice point took during the step, -1 when there was none.
/// </summary>
internal sealed class DporEvent
{
    public DporEvent(int thread, int choiceValue) => (Thread, ChoiceValue) = (thread, choiceValue);

    public int Thread { get; }

    public int ChoiceValue { get; set; }

    public int ThreadObjectId { get; private set; } = -1;

    public AccessKind Kind { get; private set; } = AccessKind.Yield;

    public int Target { get; private set; } = -1;

    public int Owner { get; private set; } = -1;

    public int[] Reads { get; private set; } = [];

    /// <summary>
    /// Where this step parked threads at an access their arrival settles in part (an SRCU wait's
    /// readers, an rw-semaphore's queue): its own thread's next access, and the first access of
    /// each thread it spawned.
    /// </summary>
    public Park[] Parks { get; private set; } = [];

    /// <summary>A trylock that took its lock, opening a critical section.</summary>
    public bool TryLockTaken { get; private set; }

    public bool Spawned { get; private set; }

    /// <summary>
    /// The step stopped its run (a bug, a failed monitor): nothing can run after it, so it is a weak
    /// initial of no sequence that has steps of other threads (<see cref="WeakInitials"/>).
    /// </summary>
    public bool StoppedRun { get; set; }

    /// <summary>The step left its thread asleep on the wait queue it targets, until a wake-up of that queue, or at the barrier it targets, until its round's last arrival.</summary>
    public bool Slept { get; private set; }

    /// <summary>
    /// The monitor views this step may change (one bit each, <see cref="ExecutedStep"/>): two steps
    /// that share a bit are ordered for the monitors that read that view.
    /// </summary>
    public ulong Views { get; private set; }

    public int[] Touched { get; private set; } = [];

    /// <summary>Threads in the run before and after this event: the ids in between are the threads it spawned.</summary>
    public int ThreadsBefore { get; private set; }

    public int ThreadCount { get; private set; }

    /// <summary>False while the event is only a planned step (a wakeup sequence not yet run).</summary>
    public bool Known { get; private set; }

    public void Record(in ExecutedStep step)
    {
        ThreadObjectId = step.ThreadObjectId;
        Kind = step.Access.Kind;
        Target = step.Access.TargetId;
        Owner = step.Access.OwnerId;
        Reads = step.Access.Reads is { Count: > 0 } reads ? reads.Select(r => r.Id).ToArray() : [];
        Parks = Park.Of(step);
        TryLockTaken = step.TryLockTaken;
        Spawned = step.Spawned;
        Slept = step.Slept;
        // A watched step that only reads leaves what its monitors see as it was.
        Views = (DporDependence.OnlyReads(Kind, Spawned) ? 0 : step.WatchedViews) | step.ChangedViews;
        Touched = step.Touched?.ToArray() ?? [];
        ThreadsBefore = step.ThreadsBefore;
        ThreadCount = step.ThreadCount;
        Known = true;
    }

    /// <summary>
    /// A step that never ran: a thread still parked at <paramref name="access"/> when its run
    /// ended, among <paramref name="threadCount"/> threads. What its code would have done after the
    /// access is unknown, so it carries the access alone.
    /// </summary>
    public static DporEvent Unfinished(int thread, in PendingAccess access, int threadCount) =>
        new(thread, -1)
        {
            Kind = access.Kind,
            Target = access.TargetId,
            Owner = access.OwnerId,
            Reads = access.Reads is { Count: > 0 } reads ? reads.Select(r => r.Id).ToArray() : [],
            ThreadsBefore = threadCount,
            ThreadCount = threadCount,
            Known = true,
        };

    /// <summary>A copy another search can change (a replayed choice value) without touching this one.</summary>
    public DporEvent Clone() => (DporEvent)MemberwiseClone();

    /// <summary>The same step of the same thread (what a wakeup sequence names and what a run took).</summary>
    public bool SameStep(DporEvent other) => other.Thread == Thread && other.ChoiceValue == ChoiceValue;

    public override string ToString() => $"t{Thread}:{Kind.Render()}#{Target}{(ChoiceValue >= 0 ? $"={ChoiceValue}" : "")}";
}
