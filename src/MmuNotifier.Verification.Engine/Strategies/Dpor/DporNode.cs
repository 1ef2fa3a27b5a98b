// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>One point of the current execution: the state before its step number <c>index</c>.</summary>
internal sealed class DporNode
{
    /// <summary>Sequences still to explore from here (the current branch is its first child while it runs).</summary>
    public WakeupTree Wakeup { get; init; } = new();

    /// <summary>Steps whose continuations from here are already explored or covered (the sleep set).</summary>
    public List<DporEvent> Sleep { get; init; } = [];

    /// <summary>The branch being explored, or null at a point just backtracked to.</summary>
    public WakeupNode? Current { get; set; }

    /// <summary>The current step was picked freely, not planned by a wakeup sequence.</summary>
    public bool FreeStep { get; set; }

    /// <summary>How many values the current step's choice has (0: it made none).</summary>
    public int ChoiceCount { get; set; }

    /// <summary>
    /// The value the current step's choice took first here: 0 for a free step, the recorded one
    /// for a planned step. The other values follow it, wrapping around, at this same point.
    /// </summary>
    public int ChoiceFirst { get; set; }

    /// <summary>The value to explore after <paramref name="value"/> at this point, or null once all were.</summary>
    public int? NextChoiceValue(int value)
    {
        if (ChoiceCount <= 1 || value < 0) return null;
        var next = (value + 1) % ChoiceCount;
        return next == ChoiceFirst ? null : next;
    }

    /// <summary>The values of the current step's choice still to explore here after the first, in order.</summary>
    public IEnumerable<int> OtherChoiceValues()
    {
        for (var value = NextChoiceValue(ChoiceFirst); value is { } v; value = NextChoiceValue(v)) yield return v;
    }

    /// <summary>Taking the current branch switches away from a thread that could have gone on.</summary>
    public bool CurrentPreempts { get; set; }

    /// <summary>Preemptions spent before this point (for a preemption-bounded search).</summary>
    public int Preemptions { get; init; }

    /// <summary>Who could run here, kept for a split search's coordinator (null otherwise).</summary>
    public PointView? View { get; set; }
}

/// <summary>The threads enabled at a point, and which of them it could switch to without a preemption.</summary>
internal sealed record PointView(int[] Enabled, int Previous, bool SwitchPreempts)
{
    public bool Preempts(int thread) => SwitchPreempts && thread != Previous;
}
