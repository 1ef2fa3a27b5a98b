// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Delay bounding (Emmi, Qadeer and Rakamarić, "Delay-Bounded Scheduling", POPL 2011): a
/// deterministic round-robin scheduler, and a DFS over the schedules that deviate from it by at
/// most d delays (<see cref="DfsBound.Delays"/>), for d = 0, 1, 2 ... each reported as a round.
/// Far fewer schedules than preemption bounding per bound, since the number of delay-bounded
/// schedules does not grow with the number of threads' choices, only with d.
/// <c>--preemption-bound</c> is the last delay bound tried; without it the rounds go on until the
/// space or the budget is exhausted. (Coyote's "delay-bounding" is a random variant; this one is
/// the paper's systematic search.)
/// </summary>
public sealed class DelayBoundingStrategy(int? largestBound, ulong seed) : IterativeBoundingStrategy(DfsBound.Delays, largestBound, seed)
{
    public static StrategyDescriptor Descriptor { get; } = new("delay-bounding",
        settings => new DelayBoundingStrategy(settings.PreemptionBound, settings.Seed))
    {
        Aliases = ["delay", "db"],
        TakesPreemptionBound = true,
        OneWorker = true,
    };

    public override string Name => Descriptor.Name;
}
