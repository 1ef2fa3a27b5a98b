// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>A strategy that searches in rounds of growing bound (iterative preemption or delay bounding) and says where each began.</summary>
public interface IRoundedStrategy
{
    /// <summary>The rounds begun so far, in order.</summary>
    IReadOnlyList<StrategyRound> Rounds { get; }
}

/// <param name="Bound">The round's bound.</param>
/// <param name="FirstSchedule">Number of the round's first schedule; the round runs up to the next round's first.</param>
/// <param name="Completed">The strategy ran every schedule of the round's bounded space.</param>
public sealed record StrategyRound(int Bound, long FirstSchedule, bool Completed);
