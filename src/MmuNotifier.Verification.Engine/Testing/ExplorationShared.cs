// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>What the workers of one exploration share: counters for progress, the budget, and the first bug.</summary>
internal sealed class ExplorationShared(ExplorationOptions options)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _firstBugIteration = long.MaxValue;
    private readonly List<WorkerCounters> _counters = [];
    private volatile bool _outOfTime;
    private long _reserved;
    private long _nextChunk;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The bug reports still worth making (<see cref="ReportQuota"/>), for workers numbering schedules globally.</summary>
    public ReportQuota BugReports { get; } = new(ScheduleRunner.MaxBugReports);

    public ReportQuota StepBoundReports { get; } = new(ScheduleRunner.MaxStepBoundReports);

    public long FirstBugIteration => Interlocked.Read(ref _firstBugIteration);

    public ExplorationProgress Progress
    {
        get
        {
            long schedules = 0, steps = 0, findings = 0;
            lock (_counters)
            {
                foreach (var counters in _counters)
                {
                    schedules += counters.Schedules;
                    steps += counters.Steps;
                    findings += counters.Findings;
                }
            }

            return new(schedules, steps, (int)findings, _clock.Elapsed);
        }
    }

    /// <summary>Counters for one more worker (call on the worker's own thread, so they are allocated near its other state).</summary>
    public WorkerCounters NewCounters()
    {
        var counters = new WorkerCounters();
        lock (_counters) _counters.Add(counters);
        return counters;
    }

    /// <summary>The run was cancelled (<see cref="ExplorationOptions.Cancellation"/>): no further schedule starts.</summary>
    public bool Interrupted => options.Cancellation.IsCancellationRequested;

    /// <summary>
    /// Past the first bug (when stopping at it), interrupted, or out of time. Schedules numbered below the
    /// first bug still run, so the bug reported is the lowest-numbered one whatever the workers.
    /// </summary>
    public bool ShouldStop(long iteration)
    {
        if (iteration > FirstBugIteration || Interrupted) return true;
        // Reading the clock costs more than a schedule step: look at it every 64th schedule.
        return (iteration & 63) == 0 ? OutOfTimeNow() : _outOfTime;
    }

    /// <summary>The first schedule number of the next chunk of <paramref name="size"/> schedules.</summary>
    public long TakeChunk(int size) => Interlocked.Add(ref _nextChunk, size) - size;

    /// <summary>Claims one schedule of the iteration budget; false when the budget is spent.</summary>
    public bool TryReserveSchedule()
    {
        if (Interlocked.Increment(ref _reserved) <= options.Iterations && !OutOfTimeNow() && !Interrupted) return true;
        Interlocked.Decrement(ref _reserved);
        return false;
    }

    public void ReleaseReservation() => Interlocked.Decrement(ref _reserved);

    public bool HasBudget => Interlocked.Read(ref _reserved) < options.Iterations && !OutOfTimeNow() && !Interrupted;

    private bool OutOfTimeNow() => options.TimeBudget is { } budget && (_outOfTime = _outOfTime || _clock.Elapsed > budget);

    /// <summary>A finding at <paramref name="iteration"/> (counted by the worker's <see cref="WorkerCounters"/>); when stopping at the first bug, the lowest one wins.</summary>
    public void BugFound(long iteration, bool stop)
    {
        if (!stop) return;
        long seen;
        while (iteration < (seen = FirstBugIteration) &&
               Interlocked.CompareExchange(ref _firstBugIteration, iteration, seen) != seen)
        {
        }
    }
}
