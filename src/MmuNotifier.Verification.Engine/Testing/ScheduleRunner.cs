// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// Runs one schedule and classifies it, the same way whichever worker asks: run, record, the
/// determinism check, the step bound, the finding filter, the report. One per worker, created
/// on the worker's own thread so that the per-step state of different workers comes from
/// different allocation contexts and never shares a cache line.
/// </summary>
/// <param name="numberedGlobally">Schedule numbers are the exploration's own (not a subtree's): the
/// workers then share the report quotas of <paramref name="shared"/>.</param>
internal sealed class ScheduleRunner(TestProgram program, ExplorationOptions options, ExplorationShared shared, bool numberedGlobally = false)
{
    /// <summary>Reports (each a full replay with step recording) a worker writes at most, for bugs and for step-bound hits.</summary>
    public const int MaxBugReports = 50;

    public const int MaxStepBoundReports = 10;

    private readonly ControlledRuntime _runtime = ControlledRuntime.For(options, program);
    private readonly WorkerCounters _counters = shared.NewCounters();
    private int _bugReports;
    private int _stepBoundReports;

    /// <summary>
    /// Runs schedule <paramref name="number"/> of <paramref name="strategy"/> (already initialised
    /// for it) into <paramref name="log"/>; true when it is a finding. A worker's schedules come in
    /// increasing number, so the reports it keeps are its lowest-numbered ones, and the merged
    /// first reports are the same for any number of workers.
    /// </summary>
    public bool RunOne(IStrategy strategy, long number, ScheduleLog log)
    {
        _runtime.KnownRaces = program.KnownRaces;
        _runtime.Run(program.Body, strategy, options.MaxSteps);
        log.Runs.Add((number, _runtime.Steps, _runtime.ScheduleHash));
        foreach (var name in _runtime.KnownRacesSeen) log.KnownRaces.Add((number, name));
        if (_runtime.LockOrder.HasFirstSeen)
            foreach (var dependency in _runtime.LockOrder.TakeFirstSeen()) log.LockDependencies.Add((number, dependency));
        _counters.Schedule(_runtime.Steps);
        if (options.RecordCoverage) log.Coverage.Add((number, _runtime.ReachedSites()));
        if (!options.CheckDeterminism && _runtime.Bugs.Count == 0) return false;

        IReadOnlyList<Bug> bugs = _runtime.Bugs.ToArray();
        var decisions = _runtime.Decisions.ToArray();
        var hitStepBound = _runtime.HitStepBound;
        if (options.CheckDeterminism && DeterminismCheck.Check(_runtime, program, decisions, options.MaxSteps) is { } harness)
            return Finding(strategy, number, [harness], decisions, log);  // the harness is broken whatever the filter wants
        if (bugs.Count == 0) return false;
        if (hitStepBound)
        {
            log.StepBoundRuns.Add(number);
            if (_stepBoundReports < MaxStepBoundReports && (!numberedGlobally || shared.StepBoundReports.Claim(number)))
            {
                _stepBoundReports++;
                log.StepBoundHits.Add(Report(strategy, number, bugs, decisions));
            }

            return false;
        }

        return (options.FindingFilter is not { } isFinding || isFinding(bugs)) && Finding(strategy, number, bugs, decisions, log);
    }

    private bool Finding(IStrategy strategy, long number, IReadOnlyList<Bug> bugs, Decision[] decisions, ScheduleLog log)
    {
        log.Findings.Add(number);
        _counters.Finding();
        if (_bugReports < MaxBugReports && (!numberedGlobally || shared.BugReports.Claim(number)))
        {
            _bugReports++;
            log.Bugs.Add(Report(strategy, number, bugs, decisions));
        }

        return true;
    }

    private BugReport Report(IStrategy strategy, long number, IReadOnlyList<Bug> bugs, Decision[] decisions) =>
        RunOutcome.ToReport(program, options, strategy.Name, number, bugs, decisions);
}
