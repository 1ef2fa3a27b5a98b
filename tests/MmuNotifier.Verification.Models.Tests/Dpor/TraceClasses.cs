// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Strategies.Dpor;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Models.Tests.Dpor;

/// <summary>
/// The Mazurkiewicz trace of each execution a strategy runs, as a canonical string: its Foata
/// normal form under DPOR's own dependence (program order, joins, and steps that do not commute).
/// Two executions of one trace give the same string whatever the order of their commuting steps,
/// so the set of strings a search produced is the set of traces it covered. Steps are named by
/// thread, position in the thread, access and target name (object ids depend on allocation order).
/// </summary>
internal sealed class TraceClasses(IStrategy inner) : IStrategy, IStepObserver
{
    private readonly List<(DporEvent Event, string Name)> _run = [];
    private int _choice = -1;

    public HashSet<string> Classes { get; } = new(StringComparer.Ordinal);

    public long Runs { get; private set; }

    public string Name => inner.Name;

    public bool InitializeIteration(long iteration)
    {
        Flush();
        return inner.InitializeIteration(iteration);
    }

    public int NextThread(in SchedulingView view) => inner.NextThread(view);

    public int NextChoice(int count) => _choice = inner.NextChoice(count);

    public void StepTaken(in ExecutedStep step)
    {
        (inner as IStepObserver)?.StepTaken(step);
        var e = new DporEvent(step.Thread, _choice);
        e.Record(step);
        _run.Add((e, step.Access.Target));
        _choice = -1;
    }

    public void RunStarted(IReadOnlyList<(int Thread, PendingAccess Access)> parked) => (inner as IStepObserver)?.RunStarted(parked);

    public void RunEnded(IReadOnlyList<(int Thread, PendingAccess Access)> unfinished, IReadOnlyList<int> enabled) =>
        (inner as IStepObserver)?.RunEnded(unfinished, enabled);

    /// <summary>Runs <paramref name="program"/> under this strategy until it is used up or <paramref name="budget"/> schedules ran.</summary>
    public TraceClasses Explore(TestProgram program, long budget)
    {
        var runtime = ControlledRuntime.For(new ExplorationOptions { Strategy = inner.Name }, program);
        for (long i = 0; i < budget && InitializeIteration(i); i++) runtime.Run(program.Body, this, 10_000);
        Flush();
        return this;
    }

    private void Flush()
    {
        if (_run.Count == 0) return;
        Runs++;
        Classes.Add(Canonical());
        _run.Clear();
    }

    private string Canonical()
    {
        var level = new int[_run.Count];
        var steps = new List<(int Level, int Thread, int Position, string Step)>(_run.Count);
        var position = new Dictionary<int, int>();
        for (var j = 0; j < _run.Count; j++)
        {
            var (e, name) = _run[j];
            for (var m = 0; m < j; m++)
            {
                var earlier = _run[m].Event;
                if (!DporDependence.Independent(earlier, e) || DporDependence.Between(earlier, e) == Relation.Enables)
                    level[j] = Math.Max(level[j], level[m] + 1);
            }

            position[e.Thread] = position.GetValueOrDefault(e.Thread) + 1;
            steps.Add((level[j], e.Thread, position[e.Thread], $"{e.Kind}:{name}={e.ChoiceValue}"));
        }

        steps.Sort();
        return string.Join(";", steps);
    }
}
