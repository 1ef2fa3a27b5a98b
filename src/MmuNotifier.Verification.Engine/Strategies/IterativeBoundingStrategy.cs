// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Iterative bounding (Musuvathi and Qadeer, "Iterative Context Bounding for Systematic Testing
/// of Multithreaded Programs", PLDI 2007): a bounded DFS with bound 0, then 1, 2 ... each run to
/// completion before the next begins, so the first bug found needs the fewest preemptions (or
/// delays) possible. Each round re-runs the schedules of the smaller bounds: a stateless search
/// keeps no table of them, and the rounds' counts say what each bound cost.
/// <para>
/// It stops when a round's bound cut nothing off (a larger bound would find no new schedule: the
/// whole space is explored), after the round of the largest bound asked for, or when the budget
/// runs out.
/// </para>
/// </summary>
public abstract class IterativeBoundingStrategy(DfsBound counts, int? largestBound, ulong seed) : IStrategy, IRoundedStrategy
{
    private readonly List<StrategyRound> _rounds = [];
    private DfsStrategy? _round;

    public abstract string Name { get; }

    public IReadOnlyList<StrategyRound> Rounds => _rounds;

    public bool InitializeIteration(long iteration)
    {
        if (_round is not null && _round.InitializeIteration(iteration)) return true;
        if (_round is not null)
        {
            _rounds[^1] = _rounds[^1] with { Completed = true };
            var bound = _rounds[^1].Bound;
            if (!_round.BoundCutSomething || bound >= largestBound) return false;
        }

        var next = _rounds.Count == 0 ? 0 : _rounds[^1].Bound + 1;
        _round = new DfsStrategy(next, seed, bound: counts);
        _rounds.Add(new StrategyRound(next, iteration, Completed: false));
        return _round.InitializeIteration(iteration);
    }

    public int NextThread(in SchedulingView view) => _round!.NextThread(view);

    public int NextChoice(int count) => _round!.NextChoice(count);
}
