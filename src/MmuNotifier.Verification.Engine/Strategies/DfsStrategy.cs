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
    private readonly int? _preemptionBound;
    private readonly IReadOnlyList<Decision> _prefix;
    private readonly ulong _seed;
    private readonly int _frontier;
    private int _depth;
    private int _preemptions;
    private ulong _pathHash;
    private bool _started;

    /// <param name="preemptionBound">At most this many preemptions per schedule; null for none.</param>
    /// <param name="seed">0 for the canonical order; anything else shuffles alternatives.</param>
    /// <param name="prefix">Explore only schedules that start with these decisions (a subtree, for parallel DFS).</param>
    /// <param name="frontier">
    /// Branch only at the first <paramref name="frontier"/> decisions and take the first option
    /// beyond them: enumerates the distinct prefixes of that length, one schedule each.
    /// </param>
    public DfsStrategy(int? preemptionBound = null, ulong seed = 0, IReadOnlyList<Decision>? prefix = null,
        int frontier = int.MaxValue)
    {
        _preemptionBound = preemptionBound;
        _seed = seed;
        _prefix = prefix ?? [];
        _frontier = frontier;
    }

    public string Name => Descriptor.Name;

    /// <summary>True once every schedule of the (bounded) space has been run.</summary>
    public bool Exhausted { get; private set; }

    public bool InitializeIteration(long iteration)
    {
        _depth = 0;
        _preemptions = 0;
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
        if (_seed != 0) Shuffle(options);
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
            return Taken(kind, options[0], view);
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
        return Taken(kind, point.Options[point.Chosen], view);
    }

    private int Taken(DecisionKind kind, int value, in SchedulingView view)
    {
        if (kind == DecisionKind.Thread && view.PreviousIsEnabled && value != view.Previous) _preemptions++;
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
