// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Real;

// Models the same SMP machine with an outside tester (Coyote) choosing the interleaving: one CPU runs at a time, switches happen only at primitive operations.
/// <remarks>
/// With <see cref="RealRuntimeOptions.Scheduler"/> set, the scheduler runs one OS thread at a time,
/// so the state between two operations is quiescent: monitors run at every operation without a
/// stop-the-world protocol, and a blocked thread parks in the scheduler (which re-evaluates its
/// condition) instead of on the primitive's monitor. A deadlock is all threads parked, which the
/// scheduler detects and reports itself, so the watchdog does not run.
/// </remarks>
public sealed partial class RealRuntime
{
    /// <summary>Wake-ups per primitive monitor, under a scheduler only (threads run one at a time, so no lock).</summary>
    private Dictionary<object, long>? _wakeups;

    /// <summary>
    /// What a primitive calls where its state changed for waiters (unlock, wake_up_all, a reader
    /// leaving): wakes the OS threads blocked on <paramref name="sync"/> or, under a scheduler,
    /// counts the wake-up that makes its parked threads look at their condition again.
    /// </summary>
    internal void WakeAll(object sync)
    {
        System.Threading.Monitor.PulseAll(sync);
        if (_scheduler is null) return;
        _wakeups ??= new Dictionary<object, long>(ReferenceEqualityComparer.Instance);
        _wakeups[sync] = Wakeups(sync) + 1;
    }

    private long Wakeups(object sync) => _wakeups?.GetValueOrDefault(sync) ?? 0;

    /// <summary>The start of an operation under the scheduler: check the state the last step left, then let the scheduler switch.</summary>
    private void ScheduledPoint(RealThread thread)
    {
        thread.ReachedFirstPoint = true;
        if (_hasMonitors) RunMonitors(unwind: true, thread.Name);
        _scheduler!.SchedulingPoint();
        ThrowIfStopped();
    }

    /// <summary>
    /// Blocks under the scheduler. The caller holds <paramref name="sync"/>: it is released while
    /// parked, because the thread the scheduler runs next may need it (no two threads run at once,
    /// so nothing changes between the release and the re-check).
    /// </summary>
    private void PauseScheduled(RealThread thread, object sync, Func<bool> ready, string waitingOn)
    {
        thread.WaitingOn = waitingOn;
        System.Threading.Monitor.Exit(sync);
        try
        {
            // Like Monitor.Wait: the condition is looked at again only after a wake-up of this
            // object, so a missing wake_up leaves the thread asleep (a deadlock), as in the kernel.
            do
            {
                long seen = Wakeups(sync);
                _scheduler!.PauseUntil(() => Wakeups(sync) != seen);
            }
            while (!ready());
        }
        finally
        {
            System.Threading.Monitor.Enter(sync);
            thread.WaitingOn = null;
        }

        ThrowIfStopped();
    }

    /// <summary>Spawn's promise under the scheduler: the child has reached its first operation (or ended) before the parent goes on.</summary>
    private void AwaitFirstPoint(RealThread child) =>
        _scheduler!.PauseUntil(() => child.ReachedFirstPoint || child.Finished);

    /// <summary>Run's wait under the scheduler: parked until every thread of the run has ended.</summary>
    private bool AwaitScheduled()
    {
        _scheduler!.PauseUntil(() => Volatile.Read(ref _live) == 0);
        return true;
    }
}
