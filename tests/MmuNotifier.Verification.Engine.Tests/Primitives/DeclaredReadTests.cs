// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Tests.Primitives;

/// <summary>
/// Every read is declared: a wait_event condition names the cells it reads, the waiter's pending
/// access shows them, and a hidden read (a Peek of another cell inside the condition) is reported.
/// </summary>
public sealed class DeclaredReadTests
{
    /// <summary>Runs the lowest enabled thread and keeps every pending wait it is shown.</summary>
    private sealed class LowestFirst : IStrategy
    {
        public List<PendingAccess> Waits { get; } = [];

        public string Name => "lowest-first";

        public bool InitializeIteration(long iteration) => iteration == 0;

        public int NextThread(in SchedulingView view)
        {
            foreach (var id in view.Enabled)
            {
                var pending = view.Pending(id);
                if (pending.Kind == AccessKind.Wait) Waits.Add(pending);
            }

            return view.Enabled[0];
        }

        public int NextChoice(int count) => 0;
    }

    private static (ControlledRuntime Runtime, LowestFirst Strategy) RunOnce(Func<IRuntime, Task> body)
    {
        var strategy = new LowestFirst();
        var runtime = new ControlledRuntime();
        runtime.Run(body, strategy, maxSteps: 100);
        return (runtime, strategy);
    }

    /// <summary>A waiter on a flag, woken by a setter; the condition reads the flag only (or also another cell and an atomic, undeclared).</summary>
    private static Func<IRuntime, Task> FlagWaiter(bool peekAnother) => rt =>
    {
        var flag = rt.NewCell("flag", false);
        var other = rt.NewCell("other", 0);
        var counter = rt.NewAtomic("counter", 0);
        var wq = rt.NewWaitQueue("wq");
        rt.Spawn("waiter", async () =>
            await wq.WaitEvent(flag, isSet => isSet && (!peekAnother || other.Peek() + counter.Peek() == 0)));
        rt.Spawn("setter", async () =>
        {
            await flag.WriteOnce(true);
            await wq.WakeUpAll();
        });
        return Task.CompletedTask;
    };

    [Fact]
    public void TheWaitersPendingAccessShowsTheDeclaredCell()
    {
        var (runtime, strategy) = RunOnce(FlagWaiter(peekAnother: false));

        Assert.Empty(runtime.Bugs);
        var wait = Assert.Single(strategy.Waits.DistinctBy(w => w.Target));
        Assert.Equal("wq", wait.Target);
        var read = Assert.Single(wait.Reads!);
        Assert.Equal("flag", read.Name);
    }

    [Fact]
    public void AnUndeclaredPeekInsideAConditionIsAHarnessErrorNamingTheCell()
    {
        var (runtime, _) = RunOnce(FlagWaiter(peekAnother: true));

        var bug = Assert.Single(runtime.Bugs);
        Assert.Equal(BugKind.HarnessError, bug.Kind);
        Assert.Equal(BugComponent.Harness, bug.Component);
        Assert.Contains("wait_event condition on wq reads other without declaring it", bug.Message);
        Assert.StartsWith("waiter:", bug.Message);
    }

    [Fact]
    public void AnUndeclaredPeekOfAnAtomicIsReportedToo()
    {
        var (runtime, _) = RunOnce(rt =>
        {
            var flag = rt.NewCell("flag", true);
            var refs = rt.NewAtomic("refs", 1);
            var wq = rt.NewWaitQueue("wq");
            rt.Spawn("waiter", async () => await wq.WaitEvent(flag, isSet => isSet && refs.Peek() > 0));
            return Task.CompletedTask;
        });

        var bug = Assert.Single(runtime.Bugs);
        Assert.Equal(BugKind.HarnessError, bug.Kind);
        Assert.Contains("reads refs without declaring it", bug.Message);
    }

    [Fact]
    public void PeeksOutsideAConditionAreNotReads()
    {
        // Monitors and final assertions read with Peek between steps: nothing to declare there.
        var (runtime, _) = RunOnce(async rt =>
        {
            var flag = rt.NewCell("flag", false);
            var wq = rt.NewWaitQueue("wq");
            rt.AddMonitor("peeks", () => flag.Peek() && !flag.Peek() ? "impossible" : null);
            var waiter = rt.Spawn("waiter", async () => await wq.WaitEvent(flag, isSet => isSet));
            await flag.WriteOnce(true);
            await wq.WakeUpAll();
            await waiter.Join();
            rt.Assert(flag.Peek(), "flag is set");
        });

        Assert.Empty(runtime.Bugs);
    }

    [Fact]
    public void DeclaringTheCellKeepsWaitEventFreeOfLostWakeups()
    {
        var report = Explore.Body(rt =>
        {
            var flag = rt.NewCell("flag", false);
            var wq = rt.NewWaitQueue("wq");
            rt.Spawn("waiter", async () => await wq.WaitEvent(flag, isSet => isSet));
            rt.Spawn("setter", async () =>
            {
                await flag.WriteOnce(true);
                await wq.WakeUpAll();
            });
            return Task.CompletedTask;
        }, "dfs");

        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
        Assert.True(report.Exhausted);
    }
}
