// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Iterative preemption bounding (CHESS's default; Musuvathi and Qadeer, PLDI 2007): DFS with
/// preemption bound 0, 1, 2 ... each reported as a round. <c>--preemption-bound</c> is the last
/// bound tried; without it the rounds go on until the space or the budget is exhausted.
/// </summary>
public sealed class IterativePreemptionBoundingStrategy(int? largestBound, ulong seed) : IterativeBoundingStrategy(DfsBound.Preemptions, largestBound, seed)
{
    public static StrategyDescriptor Descriptor { get; } = new("iterative-pb",
        settings => new IterativePreemptionBoundingStrategy(settings.PreemptionBound, settings.Seed))
    {
        Aliases = ["icb", "iterative-preemption-bounding"],
        TakesPreemptionBound = true,
        OneWorker = true,
    };

    public override string Name => Descriptor.Name;
}
