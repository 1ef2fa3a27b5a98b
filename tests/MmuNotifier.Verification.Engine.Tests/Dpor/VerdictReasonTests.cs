// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Dpor;

/// <summary>An incomplete verdict names what cut the search: the execution budget or the clock.</summary>
public sealed class VerdictReasonTests
{
    private static VerificationReport Stopped(bool outOfTime) =>
        new(new ExplorationReport { Strategy = "dpor", Iterations = 12 }, Blocked: 2, Infeasible: 0, CutByBound: 0,
            PendingBranches: 3, OutOfBudget: true, OutOfTime: outOfTime);

    [Fact]
    public void A_search_cut_by_the_clock_says_so()
    {
        var reason = Stopped(outOfTime: true).IncompleteReason;
        Assert.Equal("stopped by the time budget (--timeout) after 10 executions, at least 3 branches left", reason);
    }

    [Fact]
    public void A_search_cut_by_the_execution_budget_does_not_blame_the_clock()
    {
        var reason = Stopped(outOfTime: false).IncompleteReason;
        Assert.Equal("stopped by the budget after 10 executions, at least 3 branches left", reason);
    }
}
