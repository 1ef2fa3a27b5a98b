// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// A fair variant of a sampling strategy, for liveness checking (Coyote's fair strategies; the
/// fairness notion of Musuvathi and Qadeer, "Fair Stateless Model Checking", PLDI 2008): the
/// first steps of a schedule (an unfair prefix of 0 to <see cref="MaxUnfairPrefix"/> steps, drawn
/// per schedule) follow the wrapped strategy, and after it the least recently run enabled thread
/// runs (ties: lowest id), so every thread that stays enabled runs at least once every n steps
/// for n threads. A liveness monitor still hot deep in such a suffix is a liveness bug, not an
/// artefact of starvation. Schedule i depends only on (seed, i), as for the wrapped strategy.
/// </summary>
public sealed class FairStrategy(string name, IStrategy prefix, ulong seed) : IStrategy
{
    /// <summary>The longest unfair prefix; a liveness threshold below it may blame the prefix.</summary>
    public const int MaxUnfairPrefix = 200;

    public static StrategyDescriptor Random { get; } =
        new("fair-random", s => new FairStrategy("fair-random", new RandomStrategy(s.Seed), s.Seed)) { IsFair = true };

    public static StrategyDescriptor Pct { get; } =
        new("fair-pct", s => new FairStrategy("fair-pct", new PctStrategy(s.Seed, s.PctDepth, s.EstimatedLength), s.Seed))
        {
            IsFair = true,
            NeedsLengthEstimate = true,
            TakesPctDepth = true,
        };

    private readonly List<int> _lastRan = [];  // by thread id: the step it last ran at, -1 never
    private int _unfairSteps;

    public string Name => name;

    /// <summary>Steps of this schedule that follow the wrapped strategy.</summary>
    internal int UnfairSteps => _unfairSteps;

    public bool InitializeIteration(long iteration)
    {
        var rng = new Rng(Rng.ForIteration(seed, iteration, salt: 0xFA1));
        _unfairSteps = rng.Next(MaxUnfairPrefix + 1);
        _lastRan.Clear();
        return prefix.InitializeIteration(iteration);
    }

    public int NextThread(in SchedulingView view)
    {
        var chosen = view.Step < _unfairSteps ? prefix.NextThread(view) : LeastRecentlyRun(view.Enabled);
        while (_lastRan.Count <= chosen) _lastRan.Add(-1);
        _lastRan[chosen] = view.Step;
        return chosen;
    }

    public int NextChoice(int count) => prefix.NextChoice(count);

    private int LeastRecentlyRun(ReadOnlySpan<int> enabled)
    {
        var best = enabled[0];
        var bestStep = LastRan(best);
        foreach (var id in enabled)
        {
            var ran = LastRan(id);
            if (ran < bestStep)
            {
                best = id;
                bestStep = ran;
            }
        }

        return best;
    }

    private int LastRan(int id) => id < _lastRan.Count ? _lastRan[id] : -1;
}
