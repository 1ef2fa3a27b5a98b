// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>Model code that escapes the engine's control is reported, never silently run.</summary>
public sealed class HarnessTests
{
    [Fact]
    public void TaskDelayIsReported()
    {
        var report = Explore.Body(async rt =>
        {
            var x = rt.NewCell("x", 0);
            await x.WriteOnce(1);
            await Task.Delay(1);
            await x.WriteOnce(2);
        }, iterations: 1);

        AssertHarnessError(report.Bugs[0].Bug, "does not control");
    }

    [Fact]
    public void TaskRunIsReported()
    {
        var report = Explore.Body(async rt =>
        {
            var x = rt.NewCell("x", 0);
            await Task.Run(() => Thread.Sleep(50));
            await x.WriteOnce(2);
        }, iterations: 1);

        AssertHarnessError(report.Bugs[0].Bug, "does not control");
    }

    [Fact]
    public void AccessNotAwaitedIsReported()
    {
        var report = Explore.Body(async rt =>
        {
            var x = rt.NewCell("x", 0);
            _ = x.WriteOnce(1);
            await Task.CompletedTask;
        }, iterations: 1);

        AssertHarnessError(report.Bugs[0].Bug, "did not await");
    }

    [Fact]
    public void SecondAccessBeforeAwaitingTheFirstIsReported()
    {
        var report = Explore.Body(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var first = x.WriteOnce(1);
            var second = x.WriteOnce(2);
            await first;
            await second;
        }, iterations: 1);

        AssertHarnessError(report.Bugs[0].Bug, "not yet awaited");
    }

    [Fact]
    public void UnhandledExceptionIsABug()
    {
        var report = Explore.Body(async rt =>
        {
            var x = rt.NewCell("x", 0);
            await x.WriteOnce(1);
            throw new InvalidOperationException("boom");
        }, iterations: 1);

        Assert.Equal(BugKind.UnhandledException, report.Bugs[0].Bug.Kind);
        Assert.Contains("boom", report.Bugs[0].Bug.Message);
    }

    private static void AssertHarnessError(Bug bug, string fragment)
    {
        Assert.Equal(BugKind.HarnessError, bug.Kind);
        Assert.Contains(fragment, bug.Message);
    }
}
