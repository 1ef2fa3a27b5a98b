// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Everything the product needs to know about a strategy: its spellings, how to build it, and
/// what it can do. Callers ask the capabilities, never the name, so a new strategy is one file
/// holding its class and descriptor plus one line in <see cref="StrategyRegistry"/>.
/// </summary>
/// <param name="Name">The canonical name, written into traces.</param>
/// <param name="Create">Builds the strategy for a whole exploration.</param>
public sealed record StrategyDescriptor(string Name, Func<StrategySettings, IStrategy> Create)
{
    /// <summary>Other accepted spellings (Coyote's names).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The factory reads <see cref="StrategySettings.EstimatedLength"/>: a calibration run measures it first.</summary>
    public bool NeedsLengthEstimate { get; init; }

    /// <summary>The factory reads <see cref="StrategySettings.PreemptionBound"/>.</summary>
    public bool TakesPreemptionBound { get; init; }

    /// <summary>The factory reads <see cref="StrategySettings.PctDepth"/>.</summary>
    public bool TakesPctDepth { get; init; }

    /// <summary>
    /// The strategy keeps one search's state across schedules (an iterative DFS, DPOR's wakeup
    /// trees) and cannot be sharded: the exploration runs it on one worker whatever the worker count,
    /// unless it <see cref="SearchesByTasks"/>.
    /// </summary>
    public bool OneWorker { get; init; }

    /// <summary>
    /// Optimal DPOR: the exploration is <see cref="Testing.DporSearch"/>'s, which splits the tree
    /// into tasks over the workers with the same result for any worker count (it still cannot be sharded).
    /// </summary>
    public bool SearchesByTasks { get; init; }

    /// <summary>
    /// Its schedules end in a fair suffix (every enabled thread keeps getting turns), so a run
    /// cut by the step bound or the liveness threshold with a liveness monitor hot is a liveness bug.
    /// </summary>
    public bool IsFair { get; init; }

    /// <summary>A mix of the other strategies rather than one of its own (the kill matrix has no column for it).</summary>
    public bool IsPortfolio { get; init; }

    /// <summary>
    /// For a strategy whose schedule tree can be cut into subtrees that workers search apart:
    /// builds it for the subtree under a decision prefix, branching only at the first
    /// <c>frontier</c> decisions (int.MaxValue: everywhere). Null when not splittable.
    /// </summary>
    public Func<StrategySettings, IReadOnlyList<Decision>, int, IStrategy>? CreateSubtree { get; init; }

    public bool SplittableIntoSubtrees => CreateSubtree is not null;

    /// <summary>The canonical name followed by the aliases.</summary>
    public IEnumerable<string> Spellings => Aliases.Prepend(Name);
}
