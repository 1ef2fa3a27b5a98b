// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Dpor;

/// <summary>
/// How monitors enter DPOR's dependence: two steps are ordered for a monitor only when both change
/// what it declares it reads (<see cref="MonitorReads"/>); a monitor that declares nothing orders
/// every step; reads that miss what the verdict depends on are a harness error.
/// </summary>
public sealed class MonitorDependenceTests
{
    private static ExplorationReport Dpor(Func<IRuntime, Task> body) => Explore.Body(body, strategy: "dpor", iterations: 1000);

    /// <summary>Two threads writing their own cell once each; the monitor judges the intermediate state.</summary>
    private static Func<IRuntime, Task> TwoWriters(Func<ICell<int>, ICell<int>, string?> check, bool declareReads) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var y = rt.NewCell("y", 0);
        rt.AddMonitor("judge", () => check(x, y), reads: declareReads ? r => { r.Add(x.Peek()); r.Add(y.Peek()); } : null);
        var a = rt.Spawn("a", () => x.Write(1).AsTask());
        var b = rt.Spawn("b", () => y.Write(1).AsTask());
        await a.Join();
        await b.Join();
    };

    [Fact]
    public void AViolationOnlyTheSecondOrderShowsIsFound()
    {
        // y written before x: only the reversal of the two (otherwise independent) writes shows it.
        var report = Dpor(TwoWriters((x, y) => y.Peek() == 1 && x.Peek() == 0 ? "y before x" : null, declareReads: true));

        Assert.True(report.FoundBug);
        Assert.Equal("judge", report.Bugs[0].Bug.Invariant);
    }

    [Fact]
    public void BothOrdersAreExploredWhenBothWritesChangeWhatTheMonitorReads()
    {
        var report = Dpor(TwoWriters((x, y) => x.Peek() + y.Peek() > 2 ? "impossible" : null, declareReads: true));

        Assert.True(report.Exhausted);
        Assert.False(report.FoundBug);
        Assert.Equal(2, report.Iterations);
    }

    /// <summary>Two independent writers and a monitor of a third cell nobody writes.</summary>
    private static Func<IRuntime, Task> WritersAndAnIdleMonitor(bool declareReads) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var y = rt.NewCell("y", 0);
        var z = rt.NewCell("z", 0);
        rt.AddMonitor("z-small", () => z.Peek() > 5 ? "z" : null, reads: declareReads ? r => r.Add(z.Peek()) : null);
        var a = rt.Spawn("a", () => x.Write(1).AsTask());
        var b = rt.Spawn("b", () => y.Write(1).AsTask());
        await a.Join();
        await b.Join();
    };

    [Fact]
    public void StepsThatChangeNothingAMonitorReadsStayUnordered()
    {
        var report = Dpor(WritersAndAnIdleMonitor(declareReads: true));

        Assert.True(report.Exhausted);
        Assert.Equal(1, report.Iterations);
    }

    [Fact]
    public void AMonitorThatDeclaresNoReadsOrdersEveryStep()
    {
        var report = Dpor(WritersAndAnIdleMonitor(declareReads: false));

        Assert.True(report.Exhausted);
        Assert.True(report.Iterations > 1, $"{report.Iterations} executions");
    }

    [Fact]
    public void ReadsThatMissWhatTheVerdictDependsOnAreAHarnessError()
    {
        var report = Explore.Body(async rt =>
        {
            var x = rt.NewCell("x", 0);
            rt.AddMonitor("x-zero", () => x.Peek() == 0 ? null : "x moved", reads: _ => { });
            await x.Write(1);
        }, strategy: "dpor", iterations: 1);

        Assert.True(report.FoundBug);
        Assert.Equal(BugKind.HarnessError, report.Bugs[0].Bug.Kind);
        Assert.Contains("x-zero", report.Bugs[0].Bug.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACriticalSectionOrderAMonitorSeesIsReversedThroughTheAcquires()
    {
        // The monitor reads the lock and the cell, so each thread's write races with the other's
        // acquire; that race cannot be reversed (the lock is held), and the one that orders the
        // sections is between the two acquires. b's section first, then a's, leaves c == 1 with b done.
        var report = Dpor(async rt =>
        {
            var l = rt.NewSpinLock("l");
            var c = rt.NewCell("c", 0);
            var bWrote = false;
            rt.AddMonitor("a-last", () => !l.IsLocked && c.Peek() == 1 && bWrote ? "a's section ran after b's" : null,
                reads: r =>
                {
                    r.Add(l.IsLocked);
                    r.Add(c.Peek());
                    r.Add(bWrote);
                });

            async Task Section(int value)
            {
                await l.Lock();
                await c.Write(value);
                if (value == 2) bWrote = true;
                await l.Unlock();
            }

            var a = rt.Spawn("a", () => Section(1));
            var b = rt.Spawn("b", () => Section(2));
            await a.Join();
            await b.Join();
        });

        Assert.True(report.FoundBug);
        Assert.Equal("a-last", report.Bugs[0].Bug.Invariant);
    }
}
