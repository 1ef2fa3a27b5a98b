// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Probabilistic Concurrency Testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, "A Randomized
/// Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010). Threads get random
/// distinct priorities and the highest-priority enabled thread always runs. The paper's d-1
/// change points k_1 ... k_(d-1) are distinct steps drawn from [1, k]; at step k_i the running
/// thread drops to priority i, below every thread not yet demoted. A bug of depth d is found
/// with probability at least 1/(n k^(d-1)) per schedule for n threads and k steps.
/// <para>
/// A thread that reaches a Yield() drops below every other thread, demoted ones included (the
/// yield lowers its priority, as in CHESS), so a spin-with-yield loop lets the thread it waits
/// for run instead of spinning until the step bound.
/// </para>
/// <para>
/// A step counts only when more than one thread is enabled: where only one can run, a change
/// point changes nothing, so counting such steps would waste change points and make k larger
/// than the number of real choices (and the bound above weaker).
/// </para>
/// </summary>
public sealed class PctStrategy : IStrategy
{
    public static StrategyDescriptor Descriptor { get; } =
        new("pct", settings => new PctStrategy(settings.Seed, settings.PctDepth, settings.EstimatedLength))
        {
            Aliases = ["prioritization"],
            NeedsLengthEstimate = true,
            TakesPctDepth = true,
        };

    private const int YieldRank = int.MinValue;  // below the rank of every change point

    private readonly ulong _seed;
    private readonly int _estimatedLength;
    private readonly List<int> _priority = [];          // thread ids, highest priority first
    private readonly Dictionary<int, int> _demotedTo = [];  // demoted thread -> the index i of its change point
    private readonly int[] _changePoints;               // k_1 ... k_(d-1) in draw order, distinct
    private Rng _rng;
    private int _known;
    private int _contestedSteps;

    /// <param name="depth">Burckhardt et al.'s d: d-1 priority change points per schedule.</param>
    /// <param name="estimatedLength">
    /// k: how many steps with more than one enabled thread a schedule has (from a calibration
    /// run); change points fall among the first k of them. Fewer than d-1 such steps mean fewer
    /// change points, one per step.
    /// </param>
    public PctStrategy(ulong seed, int depth, int estimatedLength)
    {
        _seed = seed;
        _estimatedLength = Math.Max(1, estimatedLength);
        _changePoints = new int[Math.Min(Math.Max(1, depth) - 1, _estimatedLength)];
    }

    public string Name => Descriptor.Name;

    /// <summary>This schedule's change points, counted in steps with more than one enabled thread (1-based).</summary>
    internal IReadOnlyList<int> ChangePoints => _changePoints;

    /// <summary>Where this schedule demoted a thread: the step and how many threads were enabled there.</summary>
    internal List<(int Step, int Enabled)> Demotions { get; } = [];

    public bool InitializeIteration(long iteration)
    {
        _rng = new Rng(Rng.ForIteration(_seed, iteration, salt: 0x9C7));
        _priority.Clear();
        _demotedTo.Clear();
        Demotions.Clear();
        _known = 0;
        _contestedSteps = 0;
        DrawDistinctChangePoints();
        return true;
    }

    public int NextThread(in SchedulingView view)
    {
        // Threads appear over time; each newcomer takes a random place among the undemoted ones.
        foreach (var id in view.Enabled)
        {
            if (id < _known) continue;
            for (var newcomer = _known; newcomer <= id; newcomer++)
                _priority.Insert(_rng.Next(_priority.Count - _demotedTo.Count + 1), newcomer);
            _known = id + 1;
        }

        if (view.Enabled.Length > 1 && view.Previous >= 0 && view.Pending(view.Previous).Kind == AccessKind.Yield)
            LowerForYield(view.Previous);

        var chosen = HighestEnabled(view.Enabled);
        if (view.Enabled.Length < 2) return chosen;
        _contestedSteps++;
        var index = Array.IndexOf(_changePoints, _contestedSteps);
        if (index < 0) return chosen;

        Demote(chosen, index);
        Demotions.Add((view.Step, view.Enabled.Length));
        return HighestEnabled(view.Enabled);
    }

    public int NextChoice(int count) => _rng.Next(count);

    /// <summary>d-1 distinct points of [1, k] (fewer when k is smaller), by rejection: d is small.</summary>
    private void DrawDistinctChangePoints()
    {
        for (var i = 0; i < _changePoints.Length; i++)
        {
            int point;
            do point = 1 + _rng.Next(_estimatedLength);
            while (Array.IndexOf(_changePoints, point, 0, i) >= 0);
            _changePoints[i] = point;
        }
    }

    /// <summary>
    /// Gives <paramref name="thread"/> the paper's priority i: below every undemoted thread,
    /// above the threads demoted at change points of lower index, below those of higher index.
    /// </summary>
    private void Demote(int thread, int index)
    {
        _priority.Remove(thread);
        _demotedTo.Remove(thread);
        var position = _priority.Count - _demotedTo.Count;
        foreach (var rank in _demotedTo.Values)
            if (rank > index) position++;
        _priority.Insert(position, thread);
        _demotedTo[thread] = index;
    }

    /// <summary>Puts a yielding thread last of all; a later change point may still move it.</summary>
    private void LowerForYield(int thread)
    {
        _priority.Remove(thread);
        _priority.Add(thread);
        _demotedTo[thread] = YieldRank;
    }

    private int HighestEnabled(ReadOnlySpan<int> enabled)
    {
        foreach (var id in _priority)
            if (enabled.Contains(id)) return id;
        return enabled[0];
    }
}
