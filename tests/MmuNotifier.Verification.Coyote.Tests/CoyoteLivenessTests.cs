// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Coyote.Tests;

/// <summary>
/// Our liveness monitors judged by Coyote (CoyoteLiveness): under Coyote's fair schedules a thread
/// spinning for a flag nobody sets keeps the monitor hot past the temperature threshold; the twin
/// whose worker sets the flag is silent. Tiny budgets, fixed seeds.
/// </summary>
public sealed class CoyoteLivenessTests
{
    private static CoyoteReport Run(Func<Engine.Abstractions.IRuntime, Task> body, string strategy) =>
        CoyoteExploration.Run(() => CoyoteRuntime.Run(TestProgram.Sample("liveness", body)), iterations: 5, seed: 1, strategy,
            maxSteps: 400, livenessThreshold: 100);

    [Theory]
    [InlineData("fair-random")]
    [InlineData("fair-pct")]
    public void A_spinner_whose_flag_is_never_set_is_a_Coyote_liveness_bug(string strategy)
    {
        var report = Run(SpinOnUnsetFlag.Forgotten, strategy);

        var bug = Assert.Single(report.Bugs);
        Assert.Contains("liveness bug in hot state 'Pending'", bug, StringComparison.Ordinal);
        Assert.Equal(1, report.Schedules);
    }

    [Theory]
    [InlineData("fair-random")]
    [InlineData("fair-pct")]
    public void The_twin_that_sets_the_flag_is_silent(string strategy)
    {
        var report = Run(SpinOnUnsetFlag.Set, strategy);

        Assert.Empty(report.Bugs);
        Assert.Equal(5, report.Schedules);
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    public void A_threshold_below_fair_pcts_unfair_prefix_does_not_blame_the_prefix(uint seed)
    {
        // PCT may starve the flag setter through its 200-step unfair prefix; with a 150-step
        // threshold Coyote's temperature used to count those steps and report the terminating twin.
        var report = CoyoteExploration.Run(() => CoyoteRuntime.Run(TestProgram.Sample("liveness", SpinOnUnsetFlag.Set)),
            iterations: 3, seed, "fair-pct", maxSteps: 300, livenessThreshold: 150);

        Assert.Empty(report.Bugs);
    }

    [Fact]
    public void Under_an_unfair_strategy_the_spinner_is_only_cut_by_the_step_bound()
    {
        // Coyote judges temperature only on fair schedules; pct without isFair ends at the bound.
        var report = CoyoteExploration.Run(() => CoyoteRuntime.Run(TestProgram.Sample("liveness", SpinOnUnsetFlag.Forgotten)),
            iterations: 3, seed: 1, "pct", maxSteps: 400);

        Assert.DoesNotContain(report.Bugs, b => b.Contains("liveness", StringComparison.Ordinal));
    }
}
