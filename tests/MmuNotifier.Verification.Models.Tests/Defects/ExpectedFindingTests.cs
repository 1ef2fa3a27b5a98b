// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Invariants;

namespace MmuNotifier.Verification.Models.Tests.Defects;

public sealed class ExpectedFindingTests
{
    private static readonly ExpectedFinding UafOrQuiescence =
        new(BugKind.UseAfterFree, null, BugComponent.Core) { Or = ExpectedFinding.Violation(InvariantNames.RemoveQuiescence) };

    [Fact]
    public void Either_alternative_matches_whatever_component_is_blamed()
    {
        Assert.True(UafOrQuiescence.Matches(new Bug(BugKind.UseAfterFree, "uaf", 3, "cpu0", null, BugComponent.Driver)));
        Assert.True(UafOrQuiescence.Matches(new Bug(BugKind.InvariantViolation, "late callback", 3, "cpu1", InvariantNames.RemoveQuiescence)));
    }

    [Fact]
    public void Another_invariant_or_kind_does_not_match()
    {
        Assert.False(UafOrQuiescence.Matches(new Bug(BugKind.InvariantViolation, "odd", 3, "cpu1", InvariantNames.OddSeq)));
        Assert.False(UafOrQuiescence.Matches(new Bug(BugKind.Deadlock, "stuck", 3, "cpu1")));
        Assert.False(ExpectedFinding.Violation(InvariantNames.OddSeq).Matches(new Bug(BugKind.UseAfterFree, "uaf", 3, "cpu0")));
    }

    [Fact]
    public void The_listing_names_both()
    {
        Assert.Equal("UseAfterFree (Core) or InvariantViolation [remove-quiescence] (Core)", UafOrQuiescence.ToString());
    }
}
