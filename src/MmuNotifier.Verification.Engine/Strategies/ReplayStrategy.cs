// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Re-takes the decisions of a recorded schedule. When the model no longer follows them it stops
/// with a divergence naming the step and what differed.
/// </summary>
public sealed class ReplayStrategy(IReadOnlyList<Decision> decisions) : IStrategy
{
    private int _next;

    public string Name => "replay";

    /// <summary>Decisions not yet taken when the run ended.</summary>
    public int Remaining => decisions.Count - _next;

    public bool InitializeIteration(long iteration)
    {
        _next = 0;
        return true;
    }

    public int NextThread(in SchedulingView view)
    {
        var decision = Take("a thread", view.Step);
        if (decision.Kind != DecisionKind.Thread)
            throw new ReplayDivergenceException($"step {view.Step + 1}: the trace has choice {decision.Value} where the model schedules a thread");
        if (!view.Enabled.Contains(decision.Value))
        {
            throw new ReplayDivergenceException(
                $"step {view.Step + 1}: the trace runs thread {decision.Value}, which is not enabled (enabled: {string.Join(", ", view.Enabled.ToArray())})");
        }

        return decision.Value;
    }

    public int NextChoice(int count)
    {
        var decision = Take("a choice", -1);
        if (decision.Kind != DecisionKind.Choice)
            throw new ReplayDivergenceException($"decision {_next}: the trace schedules thread {decision.Value} where the model makes a choice");
        if (decision.Value >= count)
            throw new ReplayDivergenceException($"decision {_next}: the trace's choice {decision.Value} is out of range [0, {count})");
        return decision.Value;
    }

    private Decision Take(string what, int step)
    {
        if (_next >= decisions.Count)
        {
            throw new ReplayDivergenceException(
                $"the run went on past the end of the trace ({decisions.Count} decisions): the model asks for {what}" +
                (step >= 0 ? $" at step {step + 1}" : ""));
        }

        return decisions[_next++];
    }
}
