// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Stateless depth-first search over every thread and choice decision (Godefroid, VeriSoft,
/// POPL 1997), optionally bounded in preemptions (Musuvathi and Qadeer, "Iterative Context
/// Bounding", PLDI 2007). Each schedule replays the decisions of the previous one up to the
/// deepest point with an untried alternative and takes that alternative. When no point has one
/// left, the (bounded) space is exhausted.
/// </summary>
public sealed class DfsStrategy : IStrategy
{
    private readonly struct Point(DecisionKind kind, int[] options, int chosen)
    {
        public DecisionKind Kind { get; } = kind;

        public int[] Options { get; } = options;

        public int Chosen { get; } = chosen;

        public Point Next() => new(Kind, Options, Chosen + 1);
    }

    private readonly List<Point> _stack = [];
    private readonly int? _preemptionBound;
    private readonly IReadOnlyList<Decision> _prefix;
    private int _depth;
    private int _preemptions;
    private bool _started;

    /// <param name="preemptionBound">At most this many preemptions per schedule; null for none.</param>
    /// <param name="prefix">Explore only schedules that start with these decisions (a subtree, for parallel DFS).</param>
    public DfsStrategy(int? preemptionBound = null, IReadOnlyList<Decision>? prefix = null)
    {
        _preemptionBound = preemptionBound;
        _prefix = prefix ?? [];
    }

    public string Name => "dfs";

    /// <summary>True once every schedule of the (bounded) space has been run.</summary>
    public bool Exhausted { get; private set; }

    public bool InitializeIteration(long iteration)
    {
        _depth = 0;
        _preemptions = 0;
        if (!_started)
        {
            _started = true;
            return true;
        }

        while (_stack.Count > _prefix.Count)
        {
            var top = _stack[^1];
            if (top.Chosen + 1 < top.Options.Length)
            {
                _stack[^1] = top.Next();
                return true;
            }

            _stack.RemoveAt(_stack.Count - 1);
        }

        Exhausted = true;
        return false;
    }

    public int NextThread(in SchedulingView view)
    {
        if (_depth < _stack.Count) return Follow(DecisionKind.Thread, view.Enabled, view);
        int[] options;
        if (view.PreviousIsEnabled)
        {
            // Continuing the running thread costs nothing; switching away from it is a preemption.
            var mayPreempt = _preemptionBound is null || _preemptions < _preemptionBound;
            options = mayPreempt ? Reorder(view.Enabled, view.Previous) : [view.Previous];
        }
        else
        {
            options = view.Enabled.ToArray();
        }

        return Push(DecisionKind.Thread, options, view);
    }

    public int NextChoice(int count)
    {
        if (_depth < _stack.Count) return Follow(DecisionKind.Choice, default, default);
        var options = new int[count];
        for (var i = 0; i < count; i++) options[i] = i;
        return Push(DecisionKind.Choice, options, default);
    }

    private int Push(DecisionKind kind, int[] options, in SchedulingView view)
    {
        var chosen = 0;
        if (_depth < _prefix.Count)
        {
            chosen = Array.IndexOf(options, _prefix[_depth].Value);
            if (chosen < 0 || _prefix[_depth].Kind != kind)
                throw new ReplayDivergenceException($"DFS subtree prefix decision {_depth} ({_prefix[_depth]}) is not available here");
            options = [options[chosen]];
            chosen = 0;
        }

        _stack.Add(new Point(kind, options, chosen));
        return Take(kind, view);
    }

    private int Follow(DecisionKind kind, ReadOnlySpan<int> enabled, in SchedulingView view)
    {
        var point = _stack[_depth];
        if (point.Kind != kind || (kind == DecisionKind.Thread && !enabled.Contains(point.Options[point.Chosen])))
        {
            throw new ReplayDivergenceException(
                $"DFS: the model did not repeat itself at decision {_depth}: uncontrolled nondeterminism in the test body");
        }

        return Take(kind, view);
    }

    private int Take(DecisionKind kind, in SchedulingView view)
    {
        var point = _stack[_depth++];
        var value = point.Options[point.Chosen];
        if (kind == DecisionKind.Thread && view.PreviousIsEnabled && value != view.Previous) _preemptions++;
        return value;
    }

    private static int[] Reorder(ReadOnlySpan<int> enabled, int first)
    {
        var options = new int[enabled.Length];
        options[0] = first;
        var next = 1;
        foreach (var id in enabled)
            if (id != first) options[next++] = id;
        return options;
    }
}
