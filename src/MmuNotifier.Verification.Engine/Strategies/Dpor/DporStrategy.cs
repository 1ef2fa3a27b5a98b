// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>
/// Optimal dynamic partial-order reduction: Abdulla, Aronis, Jonsson and Sagonas, "Optimal
/// Dynamic Partial Order Reduction", POPL 2014, and "Source Sets: A Foundation for Optimal
/// Dynamic Partial Order Reduction", JACM 64(4), 2017 (Algorithm 2: source sets, sleep sets and
/// wakeup trees). Stateless: each schedule replays the points of the previous one up to the
/// deepest one with a wakeup sequence left, then follows that sequence and continues freely.
/// After each execution its races (<see cref="RaceAnalysis"/>) are reversed: for a race of steps
/// e and e', notdep(e).e' goes into the wakeup tree at the point before e, unless a step in that
/// point's sleep set is a weak initial of it. Every Mazurkiewicz trace of the dependence
/// (<see cref="DporDependence"/>) is then explored exactly once.
/// <para>
/// Blocking is "disabled", never a branch. A reversal can ask for a thread that is blocked when
/// its turn comes (its step was only enabled by the step it is meant to precede, as an acquire
/// after the holder's release); such a sequence is dropped at that point, as in the paper's
/// treatment of locks, where the race that matters is the one between the two acquires, and
/// counted in <see cref="Infeasible"/>. A run that ends in a deadlock (or stops at a bug) leaves
/// threads parked at steps that never ran; those steps join its race analysis as its last steps,
/// since the orders in which they would have gone earlier are reached only by reversing them. A choice point's values are explored at
/// every point where its step is taken, freely or as the first step of a planned sequence (all
/// values, one after the other, starting with the one taken): a reversal replays the value its
/// execution took, and the other values start executions of their own there. A choice step in a
/// sleep set so stands for all its values.
/// </para>
/// <para>
/// With a preemption bound, a branch that would exceed it is not taken and
/// <see cref="CutByBound"/> counts it: the search is then bounded, not complete (sound bounding
/// with DPOR, Marmanis et al. TACAS 2023, is left for later).
/// </para>
/// </summary>
public sealed class DporStrategy : IStrategy, IStepObserver
{
    public static StrategyDescriptor Descriptor { get; } = new("dpor", settings => new DporStrategy(settings.PreemptionBound))
    {
        TakesPreemptionBound = true,
        OneWorker = true,
        SearchesByTasks = true,
    };

    private readonly int? _preemptionBound;
    private readonly DporTaskRoot? _task;
    private readonly List<DporNode> _nodes = [];
    private readonly List<DporEvent> _events = [];

    /// <summary>The threads the last run left parked, each as the step it did not get to take.</summary>
    private readonly List<DporEvent> _unfinished = [];
    /// <summary>Where the run's threads parked before its first step, of the parkings that decide something.</summary>
    private Park[] _setupParks = [];

    private bool _lastStepParked;
    /// <summary>The threads that could still have run when the last run ended (none unless a stop cut it short).</summary>
    private IReadOnlyList<int> _enabledAtEnd = [];
    private int _depth;
    private int _divergence;
    private bool _started;
    private bool _blocked;

    public DporStrategy(int? preemptionBound = null) => _preemptionBound = preemptionBound;

    /// <summary>One task of a split search (<see cref="Testing.DporSearch"/>): the subtree below <paramref name="task"/>'s prefix.</summary>
    internal DporStrategy(int? preemptionBound, DporTaskRoot task) : this(preemptionBound)
    {
        _task = task;
        // As after the sequential search backtracks to the prefix's last point: races before it were reversed already.
        _divergence = Math.Max(0, task.PrefixLength - 1);
    }

    public string Name => Descriptor.Name;

    /// <summary>True once the search tree is used up.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>
    /// Executions that turned out redundant part-way: every enabled thread asleep, or every
    /// planned sequence at a point infeasible. They are run to their end (a bug in them is real)
    /// but are not among the explored traces.
    /// </summary>
    public long Blocked { get; private set; }

    /// <summary>Wakeup steps dropped because their thread was blocked when its turn came.</summary>
    public long Infeasible { get; private set; }

    /// <summary>Branches not taken because of the preemption bound: when positive, the search is not complete.</summary>
    public long CutByBound { get; private set; }

    /// <summary>Branches still waiting in the wakeup trees of the current path (what a cut-off search leaves).</summary>
    public long PendingBranches => _nodes.Sum(n => (long)n.Wakeup.Children.Count(c => c != n.Current));

    public bool InitializeIteration(long iteration)
    {
        if (_started)
        {
            AnalyzeRaces();
            if (!Backtrack())
            {
                Exhausted = true;
                return false;
            }
        }

        _started = true;
        _depth = 0;
        _blocked = false;
        _events.Clear();
        _unfinished.Clear();
        return true;
    }

    public int NextThread(in SchedulingView view)
    {
        var depth = _depth++;
        if (_blocked) return Preferred(view);
        if (depth == _nodes.Count) _nodes.Add(Successor(depth));
        var node = _nodes[depth];
        if (node.Current is { } current)
        {
            var thread = current.Step.Thread;
            if (!view.Enabled.Contains(thread))
                throw new ReplayDivergenceException($"DPOR: thread t{thread} is not enabled at step {depth} of its replay: uncontrolled nondeterminism in the test body");
            return thread;
        }

        return Select(node, depth, view);
    }

    public int NextChoice(int count)
    {
        if (_blocked || _depth == 0 || _depth > _nodes.Count) return 0;
        var node = _nodes[_depth - 1];
        var step = node.Current!.Step;
        // A weak-memory load's candidates depend on the order of stores, so a reversal's recorded
        // value may not exist here: the step then chooses afresh, like a first visit.
        if (step.ChoiceValue >= 0 && step.ChoiceValue < count)
        {
            // A planned step replays its recorded value first; the others follow at this point.
            if (node.ChoiceCount == 0) (node.ChoiceCount, node.ChoiceFirst) = (count, step.ChoiceValue);
            return step.ChoiceValue;
        }

        step.ChoiceValue = 0;
        (node.ChoiceCount, node.ChoiceFirst) = (count, 0);
        return 0;
    }

    public void StepTaken(in ExecutedStep step)
    {
        var choice = -1;
        if (!_blocked && _depth <= _nodes.Count)
        {
            var planned = _nodes[_depth - 1].Current!.Step;
            if (!planned.Known) planned.Record(step);
            choice = planned.ChoiceValue;
        }

        var executed = new DporEvent(step.Thread, choice);
        executed.Record(step);
        _events.Add(executed);
        _lastStepParked = step.Next is not null;
    }

    public void RunStarted(IReadOnlyList<(int Thread, PendingAccess Access)> parked) =>
        _setupParks = Park.Of(parked);

    public void RunEnded(IReadOnlyList<(int Thread, PendingAccess Access)> unfinished, IReadOnlyList<int> enabled)
    {
        // A step that stopped the run (a bug) kept the threads that could still run from running after it.
        _enabledAtEnd = enabled;
        if (_events.Count > 0 && !_lastStepParked && enabled.Count > 0)
        {
            _events[^1].StoppedRun = true;
            if (_events.Count <= _nodes.Count && _nodes[_events.Count - 1].Current is { } taken) taken.Step.StoppedRun = true;
            _task?.NoteStop(_events.Count - 1);
        }

        var threadCount = _events.Count == 0 ? 0 : _events[^1].ThreadCount;
        var sleepers = WakeUps.After(_events);
        foreach (var (thread, access) in unfinished)
        {
            // A step that stopped the run cut its thread short: where it would have parked next is not known.
            if (_events.Count > 0 && _events[^1].Thread == thread && !_lastStepParked) continue;
            // A thread asleep on a wait queue that no wake-up reached after it slept (at a barrier
            // whose round no one completed) takes no step in any order of this run's steps: a
            // reversal that asks for it could never run.
            if (sleepers.IsAsleep(thread)) continue;
            _unfinished.Add(DporEvent.Unfinished(thread, access, threadCount));
        }
    }

    /// <summary>The point after step <paramref name="depth"/> - 1: the sleep set carried over and the current branch's subtree.</summary>
    private DporNode Successor(int depth)
    {
        if (_task?.PrefixNode(depth, depth == 0 ? 0 : _nodes[depth - 1].Preemptions + (_nodes[depth - 1].CurrentPreempts ? 1 : 0)) is { } fixedPoint)
            return fixedPoint;
        if (depth == 0) return new DporNode();
        var parent = _nodes[depth - 1];
        var taken = _events[depth - 1];
        return new DporNode
        {
            Wakeup = parent.Current!.Subtree,
            // A choice's step touches nothing, but the access its value leads to may conflict with the
            // step taken: a sleeping choice is woken by any step (PrimitivesAgainstDfsTests, seed 1524).
            Sleep = parent.Sleep.Where(s => s.Kind != AccessKind.Choose && DporDependence.Independent(s, taken)).ToList(),
            Preemptions = parent.Preemptions + (parent.CurrentPreempts ? 1 : 0),
        };
    }

    private int Select(DporNode node, int depth, in SchedulingView view)
    {
        if (_task is not null && depth < _task.SplitDepth)
            node.View = new PointView(view.Enabled.ToArray(), view.Previous, view.PreviousIsEnabled && view.Pending(view.Previous).Kind != AccessKind.Yield);
        var planned = !node.Wakeup.IsEmpty;
        while (!node.Wakeup.IsEmpty)
        {
            var child = node.Wakeup.Children[0];
            var thread = child.Step.Thread;
            if (view.Enabled.Contains(thread) && !IsAsleep(node, thread) && WithinBound(node, view, thread))
                return Take(node, child, free: false, view);
            if (!view.Enabled.Contains(thread)) Infeasible++;
            else if (!IsAsleep(node, thread)) CutByBound++;
            node.Wakeup.Children.RemoveAt(0);
        }

        // A point with planned sequences explores only those (Algorithm 2); when every one of them
        // turned out infeasible here, this execution adds nothing and finishes as a blocked one.
        var candidate = planned ? -1 : FreeCandidate(node, view);
        if (candidate < 0)
        {
            Blocked++;
            _blocked = true;
            _nodes.RemoveAt(depth);
            return Preferred(view);
        }

        var fresh = new WakeupNode(new DporEvent(candidate, -1));
        node.Wakeup.Children.Insert(0, fresh);
        return Take(node, fresh, free: true, view);
    }

    /// <summary>An enabled thread not asleep and within the bound, or -1 when everything enabled is asleep or out of bound.</summary>
    private int FreeCandidate(DporNode node, in SchedulingView view)
    {
        foreach (var thread in OrderedCandidates(view))
        {
            if (IsAsleep(node, thread)) continue;
            if (WithinBound(node, view, thread)) return thread;
            CutByBound++;
        }

        return -1;
    }

    private int Take(DporNode node, WakeupNode child, bool free, in SchedulingView view)
    {
        node.Current = child;
        node.FreeStep = free;
        node.ChoiceCount = 0;
        node.ChoiceFirst = 0;
        node.CurrentPreempts = IsPreemption(view, child.Step.Thread);
        return child.Step.Thread;
    }

    /// <summary>The previous thread first (no context switch), then by id.</summary>
    private static IEnumerable<int> OrderedCandidates(SchedulingView view)
    {
        var list = new List<int>(view.Enabled.Length);
        if (view.PreviousIsEnabled) list.Add(view.Previous);
        foreach (var id in view.Enabled)
            if (id != view.Previous) list.Add(id);
        return list;
    }

    private static int Preferred(in SchedulingView view) =>
        view.PreviousIsEnabled ? view.Previous : view.Enabled[0];

    private static bool IsAsleep(DporNode node, int thread) => node.Sleep.Exists(s => s.Thread == thread);

    /// <summary>Switching away from a thread that could go on is a preemption, unless it sits at a yield (a free switch, as in CHESS).</summary>
    private static bool IsPreemption(in SchedulingView view, int thread) =>
        view.PreviousIsEnabled && thread != view.Previous && view.Pending(view.Previous).Kind != AccessKind.Yield;

    private bool WithinBound(DporNode node, in SchedulingView view, int thread) =>
        _preemptionBound is not { } bound || node.Preemptions + (IsPreemption(view, thread) ? 1 : 0) <= bound;

    private void AnalyzeRaces()
    {
        // A thread a deadlock (or a bug) left parked races with the steps that kept it from going on,
        // though its step never ran: as the run's last steps, reversals can put it earlier.
        var analysis = new RaceAnalysis(_unfinished.Count == 0 ? _events : [.. _events, .. _unfinished], _divergence, _setupParks,
            executed: _events.Count);
        if (_events.Count > 0 && _events[^1].StoppedRun) analysis.StoppedBy(_events.Count - 1, _enabledAtEnd);
        foreach (var (i, j) in analysis.Races)
        {
            if (i >= _nodes.Count) continue;
            var sequence = analysis.Reversal(i, j);
            if (_task is { } task && i < task.PrefixLength)
            {
                var last = task.PrefixLength - 1;
                task.Route(i, sequence, last < _nodes.Count ? _nodes[last].Current?.Subtree : null);
                continue;
            }

            var node = _nodes[i];
            if (node.Sleep.Exists(s => WeakInitials.IsWeakInitial(sequence, s, anyChoice: true))) continue;
            node.Wakeup.Insert(sequence);
        }
    }

    /// <summary>Goes back to the deepest point with something left to explore; false when there is none.</summary>
    private bool Backtrack()
    {
        for (var depth = _nodes.Count - 1; depth >= (_task?.SplitDepth ?? 0); depth--)
        {
            var node = _nodes[depth];
            if (node.Current is { } current)
            {
                var step = current.Step;
                // Every value of a choice is explored where its step was taken, planned or not: the
                // sleep set entry the step leaves below stands for all of them.
                if (node.NextChoiceValue(step.ChoiceValue) is { } value)
                {
                    // A reversal planned here may start with that value already: it is that branch,
                    // with what it plans below, not one the value's sleep entry would later drop.
                    var planned = node.Wakeup.Children.Find(c => c != current && c.Step.Thread == step.Thread && c.Step.ChoiceValue == value);
                    if (planned is not null) node.Wakeup.Children.Remove(planned);
                    var next = planned ?? new WakeupNode(new DporEvent(step.Thread, value));
                    node.Wakeup.Children[node.Wakeup.Children.IndexOf(current)] = next;
                    node.Current = next;
                    var count = node.ChoiceCount;
                    Truncate(depth);
                    node.ChoiceCount = count;
                    return true;
                }

                node.Sleep.Add(step);
                node.Wakeup.Children.Remove(current);
                node.Current = null;
            }

            if (!node.Wakeup.IsEmpty)
            {
                Truncate(depth);
                return true;
            }

            _nodes.RemoveAt(depth);
        }

        return false;
    }

    /// <summary>The points above the split depth as the task's first execution left them (what the coordinator takes over).</summary>
    internal IReadOnlyList<DporNode> PointsAbove(int depth) => _nodes.Take(Math.Min(depth, _nodes.Count)).ToList();

    private void Truncate(int depth)
    {
        _nodes.RemoveRange(depth + 1, _nodes.Count - depth - 1);
        _divergence = depth;
    }
}
