// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests.Checking;

/// <summary>Which kill-matrix detector column each kind of bug belongs to.</summary>
public sealed class FindingSourceTests
{
    [Theory]
    [InlineData(BugKind.InvariantViolation, "x", "checks")]
    [InlineData(BugKind.Assertion, "x", "checks")]
    [InlineData(BugKind.WarnOn, "x", "checks")]
    [InlineData(BugKind.BugOn, "x", "checks")]
    [InlineData(BugKind.SleepInAtomic, "x", "checks")]
    [InlineData(BugKind.Deadlock, "every thread is blocked", "deadlock")]
    [InlineData(BugKind.Deadlock, "possible circular locking dependency: t1 takes b", "lockdep")]
    [InlineData(BugKind.Deadlock, "possible recursive locking: t1 takes a again", "lockdep")]
    [InlineData(BugKind.Lockdep, "lock held at exit", "lockdep")]
    [InlineData(BugKind.Liveness, "still hot", "liveness")]
    [InlineData(BugKind.UseAfterFree, "x", "kasan")]
    [InlineData(BugKind.DoubleFree, "x", "kasan")]
    [InlineData(BugKind.DataRace, "x", "kcsan")]
    public void EveryBugKindHasItsColumn(BugKind kind, string message, string column)
    {
        var bug = new Bug(kind, message, 1, "t1");
        Assert.Equal(column, FindingSource.Of(bug).Name);
        Assert.True(FindingSource.All.Single(s => s.Name == column).Reported(bug));
        Assert.Single(FindingSource.All, s => s.Reported(bug));
    }

    [Fact]
    public void TheDetectorColumnsAreTheSwitchableDetectorsAndTheEnginesOwnNeedNone()
    {
        Assert.Equal(["checks", "deadlock", "liveness", .. DetectorNames.All.Select(d => d.Name)], FindingSource.All.Select(s => s.Name));
        foreach (var (name, flag) in DetectorNames.All) Assert.Equal(flag, FindingSource.All.Single(s => s.Name == name).Detector);
        Assert.All(FindingSource.All.Take(3), s => Assert.Equal(Detectors.None, s.Detector));
    }
}
