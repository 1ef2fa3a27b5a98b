// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Q-learning over schedules (Mukherjee, Deligiannis, Biswas and Lal, "Learning-Based Controlled
/// Concurrency Testing", OOPSLA 2020; Coyote ships it as q-learning). Each scheduling point is
/// abstracted to a state; the actions are the enabled threads (and choice values). Actions are
/// drawn by a softmax over their Q values, and after each schedule every step's Q value is moved
/// towards reward + γ·max Q of the state it led to, where the reward is minus how often that state
/// was visited in the schedule: states seen often grow unattractive, so later schedules are
/// pushed towards states not seen yet.
/// <para>
/// The state abstraction is ours. Coyote hashes each operation's status, call site and kind of
/// scheduling point; we hash, for every enabled thread, its id, the access it waits at (kind and
/// object) and how many steps it has run, a stand-in for its program counter. The engine hands
/// strategies no cell values, so, as with Coyote's default hashing, two states that differ only
/// in memory contents look alike.
/// </para>
/// <para>
/// The Q table spans the whole exploration, so schedule i depends on every schedule before it:
/// one worker, and the same seed gives the same sequence of schedules.
/// </para>
/// </summary>
public sealed class QLearningStrategy(ulong seed) : IStrategy
{
    public static StrategyDescriptor Descriptor { get; } = new("q-learning", settings => new QLearningStrategy(settings.Seed))
    {
        Aliases = ["qlearning"],
        OneWorker = true,
    };

    // The paper's and Coyote's parameters.
    private const double LearningRate = 0.3;
    private const double Discount = 0.7;
    private const double StepReward = -1;

    private readonly Dictionary<ulong, Dictionary<long, double>> _q = [];
    private readonly List<(ulong State, long Action)> _path = [];
    private readonly Dictionary<ulong, int> _visits = [];
    private readonly List<int> _stepsRun = [];
    private readonly List<double> _weights = [];
    private Rng _rng = new(seed ^ 0x51EA);
    private ulong _state;

    public string Name => Descriptor.Name;

    public bool InitializeIteration(long iteration)
    {
        Learn();
        _path.Clear();
        _visits.Clear();
        _stepsRun.Clear();
        _state = 0;
        return true;
    }

    public int NextThread(in SchedulingView view)
    {
        var state = 14695981039346656037UL;
        foreach (var id in view.Enabled)
        {
            var pending = view.Pending(id);
            state = Mix(state, (ulong)id);
            state = Mix(state, (ulong)pending.Kind);
            state = Mix(state, (ulong)(uint)pending.TargetId);
            state = Mix(state, (ulong)StepsRun(id));
        }

        var actions = Visit(state);
        foreach (var id in view.Enabled) actions.TryAdd(id, 0);
        _weights.Clear();
        foreach (var id in view.Enabled) _weights.Add(actions[id]);
        var chosen = view.Enabled[Softmax()];
        _path.Add((state, chosen));
        while (_stepsRun.Count <= chosen) _stepsRun.Add(0);
        _stepsRun[chosen]++;
        return chosen;
    }

    public int NextChoice(int count)
    {
        // A choice is its own state: where the schedule is, and that a value of count is asked for.
        var state = Mix(Mix(_state, 0xC40C5E), (ulong)count);
        var actions = Visit(state);
        _weights.Clear();
        for (var value = 0; value < count; value++)
        {
            actions.TryAdd(~(long)value, 0);
            _weights.Add(actions[~(long)value]);
        }

        var chosen = Softmax();
        _path.Add((state, ~(long)chosen));
        return chosen;
    }

    /// <summary>Enters <paramref name="state"/>: counts the visit and returns its actions' Q values.</summary>
    private Dictionary<long, double> Visit(ulong state)
    {
        _state = state;
        _visits[state] = _visits.GetValueOrDefault(state) + 1;
        if (!_q.TryGetValue(state, out var actions)) _q[state] = actions = [];
        return actions;
    }

    /// <summary>An index into <see cref="_weights"/> drawn with probability proportional to e^Q (shifted by the max, so it cannot overflow).</summary>
    private int Softmax()
    {
        var max = double.MinValue;
        foreach (var w in _weights) max = Math.Max(max, w);
        var sum = 0.0;
        for (var i = 0; i < _weights.Count; i++) sum += _weights[i] = Math.Exp(_weights[i] - max);
        var draw = (_rng.NextULong() >> 11) * (1.0 / (1UL << 53)) * sum;
        for (var i = 0; i < _weights.Count; i++)
        {
            draw -= _weights[i];
            if (draw < 0) return i;
        }

        return _weights.Count - 1;
    }

    /// <summary>The Q-learning update over the schedule just run, first step first (as Coyote does).</summary>
    private void Learn()
    {
        for (var i = 0; i + 1 < _path.Count; i++)
        {
            var (state, action) = _path[i];
            var next = _path[i + 1].State;
            var best = 0.0;
            var any = false;
            foreach (var value in _q[next].Values)
            {
                best = any ? Math.Max(best, value) : value;
                any = true;
            }

            var reward = StepReward * _visits[next];
            var actions = _q[state];
            actions[action] = (1 - LearningRate) * actions.GetValueOrDefault(action) + LearningRate * (reward + Discount * best);
        }
    }

    private int StepsRun(int id) => id < _stepsRun.Count ? _stepsRun[id] : 0;

    private static ulong Mix(ulong hash, ulong value) => (hash ^ value) * 1099511628211UL;
}
