// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Probabilistic Concurrency Testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, "A Randomized
/// Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010). Threads get random
/// distinct priorities; the highest-priority enabled thread always runs; at d-1 random steps the
/// running thread drops below every other. A bug of depth d is found with probability at least
/// 1/(n k^(d-1)) per schedule for n threads and k steps.
/// </summary>
public sealed class PctStrategy : IStrategy
{
    private readonly ulong _seed;
    private readonly int _depth;
    private readonly int _estimatedLength;
    private readonly List<int> _priority = [];   // thread ids, highest priority first
    private readonly HashSet<int> _demoted = [];
    private readonly int[] _changePoints;
    private Rng _rng;
    private int _known;

    /// <param name="depth">Burckhardt et al.'s d: d-1 priority change points per schedule.</param>
    /// <param name="estimatedLength">k: change points fall in the first k steps (from a calibration run).</param>
    public PctStrategy(ulong seed, int depth, int estimatedLength)
    {
        _seed = seed;
        _depth = Math.Max(1, depth);
        _estimatedLength = Math.Max(1, estimatedLength);
        _changePoints = new int[_depth - 1];
    }

    public string Name => "pct";

    public bool InitializeIteration(long iteration)
    {
        _rng = new Rng(Rng.ForIteration(_seed, iteration, salt: 0x9C7));
        _priority.Clear();
        _demoted.Clear();
        _known = 0;
        for (var i = 0; i < _changePoints.Length; i++) _changePoints[i] = 1 + _rng.Next(_estimatedLength);
        return true;
    }

    public int NextThread(in SchedulingView view)
    {
        // Threads appear over time; each newcomer takes a random place among the undemoted ones.
        foreach (var id in view.Enabled)
        {
            if (id < _known) continue;
            for (var newcomer = _known; newcomer <= id; newcomer++)
                _priority.Insert(_rng.Next(_priority.Count - _demoted.Count + 1), newcomer);
            _known = id + 1;
        }

        var chosen = HighestEnabled(view.Enabled);
        if (IsChangePoint(view.Step))
        {
            // The latest demotion ranks above earlier ones but below every undemoted thread.
            _priority.Remove(chosen);
            _demoted.Remove(chosen);
            _priority.Insert(_priority.Count - _demoted.Count, chosen);
            _demoted.Add(chosen);
            chosen = HighestEnabled(view.Enabled);
        }

        return chosen;
    }

    public int NextChoice(int count) => _rng.Next(count);

    private bool IsChangePoint(int step)
    {
        foreach (var point in _changePoints)
            if (point == step) return true;
        return false;
    }

    private int HighestEnabled(ReadOnlySpan<int> enabled)
    {
        foreach (var id in _priority)
            if (enabled.Contains(id)) return id;
        return enabled[0];
    }
}
