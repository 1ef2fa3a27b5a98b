// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Stateless depth-first search over every thread and choice decision (Godefroid, VeriSoft,
/// POPL 1997), optionally bounded in preemptions (Musuvathi and Qadeer, "Iterative Context
/// Bounding", PLDI 2007) or in delays (Emmi, Qadeer and Rakamarić, POPL 2011): see
/// <see cref="DfsBound"/>. Each schedule replays the decisions of the previous one up to the
/// deepest point with an untried alternative and takes that alternative. When no point has one
/// left, the (bounded) space is exhausted.
/// <para>
/// A Yield() is a free switch, as in CHESS, and lowers the yielding thread below the threads it
/// yielded to (<see cref="YieldPriority"/>), so a spin-with-yield loop terminates under every
/// bound, bound 0 included.
/// </para>
/// <para>
/// Seed 0 tries "keep running the current thread" first, then threads by id. Another seed
/// shuffles the alternatives at every point; the order depends only on the seed and the
/// decisions leading to the point, so a subtree is searched in the same order whether the whole
/// tree runs on one worker or is split among several.
/// </para>
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

    public static StrategyDescriptor Descriptor { get; } = new("dfs", settings => new DfsStrategy(settings.PreemptionBound, settings.Seed))
    {
        TakesPreemptionBound = true,
        CreateSubtree = (settings, prefix, frontier) => new DfsStrategy(settings.PreemptionBound, settings.Seed, prefix, frontier),
    };

    private readonly List<Point> _stack = [];
    private readonly YieldPriority _yields = new();
    private readonly int? _preemptionBound;
    private readonly DfsBound _bound;
    private readonly IReadOnlyList<Decision> _prefix;
    private readonly ulong _seed;
    private readonly int _frontier;
    private int _depth;
    private int _spent;
    private bool _runningFirst;  // the current point's scheduler order starts with the running thread
    private ulong _pathHash;
    private bool _started;

    /// <param name="preemptionBound">At most this many preemptions per schedule; null for none.</param>
    /// <param name="seed">0 for the canonical order; anything else shuffles alternatives.</param>
    /// <param name="prefix">Explore only schedules that start with these decisions (a subtree, for parallel DFS).</param>
    /// <param name="frontier">
    /// Branch only at the first <paramref name="frontier"/> decisions and take the first option
    /// beyond them: enumerates the distinct prefixes of that length, one schedule each.
    /// </param>
    /// <param name="bound">What <paramref name="preemptionBound"/> counts: preemptions or delays.</param>
    public DfsStrategy(int? preemptionBound = null, ulong seed = 0, IReadOnlyList<Decision>? prefix = null,
        int frontier = int.MaxValue, DfsBound bound = DfsBound.Preemptions)
    {
        _preemptionBound = preemptionBound;
        _bound = bound;
        _seed = seed;
        _prefix = prefix ?? [];
        _frontier = frontier;
    }

    public string Name => Descriptor.Name;

    /// <summary>True once every schedule of the (bounded) space has been run.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>True once the bound has cut off some alternative: a larger bound would explore more.</summary>
    public bool BoundCutSomething { get; private set; }

    public bool InitializeIteration(long iteration)
    {
        _depth = 0;
        _spent = 0;
        _yields.Clear();
        _pathHash = 14695981039346656037UL;
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
        _yields.Observe(view);
        var order = SchedulerOrder(view);
        var chosen = _depth < _stack.Count ? Follow(DecisionKind.Thread, view.Enabled) : Push(DecisionKind.Thread, Affordable(order));
        _spent += Cost(order, chosen);
        _yields.Ran(chosen);
        return chosen;
    }

    public int NextChoice(int count)
    {
        if (_depth < _stack.Count) return Follow(DecisionKind.Choice, default);
        var options = new int[count];
        for (var i = 0; i < count; i++) options[i] = i;
        return Push(DecisionKind.Choice, options);
    }

    /// <summary>
    /// The threads a yield did not lower, the free one first: for preemptions the running thread
    /// (when it can go on and is not yielding) then the others by id; for delays the round-robin
    /// order from the running thread, or from the one after it when it blocked or yielded.
    /// </summary>
    private int[] SchedulerOrder(in SchedulingView view)
    {
        var candidates = _yields.Candidates(view.Enabled);
        var previous = view.Previous;
        var runsOn = previous >= 0 && Array.IndexOf(candidates, previous) >= 0 && view.Pending(previous).Kind != AccessKind.Yield;
        _runningFirst = runsOn;
        if (_bound == DfsBound.Preemptions) return runsOn ? Reorder(candidates, previous) : candidates;

        var start = runsOn ? previous : previous + 1;
        var span = Math.Max(candidates[^1], previous) + 1;
        return candidates.OrderBy(id => ((id - start) % span + span) % span).ToArray();
    }

    /// <summary>What taking <paramref name="thread"/> costs: its place in the scheduler's order (delays), or whether it preempts.</summary>
    private int Cost(int[] order, int thread)
    {
        var place = Array.IndexOf(order, thread);
        if (place < 0) return 0;  // a lowered thread taken where every thread was lowered: no cheaper alternative
        return _bound == DfsBound.Delays ? place : _runningFirst && place > 0 ? 1 : 0;
    }

    /// <summary>The options whose cost still fits in the bound, in the scheduler's order.</summary>
    private int[] Affordable(int[] order)
    {
        if (_preemptionBound is not { } bound) return order;
        var left = bound - _spent;
        var count = _bound == DfsBound.Delays ? Math.Min(order.Length, left + 1) : left > 0 || !_runningFirst ? order.Length : 1;
        if (count < order.Length) BoundCutSomething = true;
        return count == order.Length ? order : order[..count];
    }

    private int Push(DecisionKind kind, int[] options)
    {
        if (_seed != 0)
        {
            options = (int[])options.Clone();  // the scheduler's order still prices the choice
            Shuffle(options);
        }

        var chosen = 0;
        if (_depth < _prefix.Count)
        {
            chosen = Array.IndexOf(options, _prefix[_depth].Value);
            if (chosen < 0 || _prefix[_depth].Kind != kind)
                throw new ReplayDivergenceException($"DFS subtree prefix decision {_depth} ({_prefix[_depth]}) is not available here");
            options = [options[chosen]];
            chosen = 0;
        }

        if (_depth >= _frontier)
        {
            // Beyond the frontier: follow the first option without remembering the point.
            _depth++;
            return Taken(kind, options[0]);
        }

        _stack.Add(new Point(kind, options, chosen));
        return Take(kind);
    }

    private int Follow(DecisionKind kind, ReadOnlySpan<int> enabled)
    {
        var point = _stack[_depth];
        if (point.Kind != kind || (kind == DecisionKind.Thread && !enabled.Contains(point.Options[point.Chosen])))
        {
            throw new ReplayDivergenceException(
                $"DFS: the model did not repeat itself at decision {_depth}: uncontrolled nondeterminism in the test body");
        }

        return Take(kind);
    }

    private int Take(DecisionKind kind)
    {
        var point = _stack[_depth++];
        return Taken(kind, point.Options[point.Chosen]);
    }

    private int Taken(DecisionKind kind, int value)
    {
        _pathHash = (_pathHash ^ (uint)value ^ ((ulong)kind << 32)) * 1099511628211UL;
        return value;
    }

    /// <summary>Fisher–Yates with a generator keyed by the seed and the path to this point.</summary>
    private void Shuffle(int[] options)
    {
        var rng = new Rng(_seed ^ _pathHash);
        for (var i = options.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (options[i], options[j]) = (options[j], options[i]);
        }
    }

    private static int[] Reorder(int[] enabled, int first)
    {
        var options = new int[enabled.Length];
        options[0] = first;
        var next = 1;
        foreach (var id in enabled)
            if (id != first) options[next++] = id;
        return options;
    }
}
