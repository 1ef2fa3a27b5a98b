// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Tests.Real;

namespace MmuNotifier.Verification.Engine.Tests.Primitives;

/// <summary>The runtime tells an observer about every allocation (what a leak check at the end of a run needs).</summary>
public sealed class AllocationObserverTests
{
    private static Func<IRuntime, Task> AllocateTwiceAround(List<string> seen) => async rt =>
    {
        _ = rt.NewLifetime("before");
        rt.OnAllocation(lifetime => seen.Add(lifetime.Name));
        var worker = rt.Spawn("worker", async () =>
        {
            var node = rt.NewLifetime("node");
            await node.Free();
        });
        _ = rt.NewLifetime("mm");
        await worker.Join();
    };

    private static RandomStrategy FirstSchedule()
    {
        var strategy = new RandomStrategy(1);
        strategy.InitializeIteration(0);
        return strategy;
    }

    [Fact]
    public void TheControlledRuntimeReportsEachAllocationAfterSubscribingAndForgetsObserversBetweenRuns()
    {
        var seen = new List<string>();
        var runtime = new ControlledRuntime();
        var body = AllocateTwiceAround(seen);

        runtime.Run(body, FirstSchedule(), maxSteps: 100);
        Assert.Empty(runtime.Bugs);
        Assert.Equal(["node", "mm"], seen);

        // A second run on the same runtime starts without the first run's observer.
        seen.Clear();
        runtime.Run(rt =>
        {
            _ = rt.NewLifetime("later");
            return Task.CompletedTask;
        }, FirstSchedule(), maxSteps: 100);
        Assert.Empty(seen);
    }

    [Fact]
    public void TheRealRuntimeReportsEachAllocationAfterSubscribing()
    {
        var seen = new List<string>();

        RealRun.AssertClean(RealRun.Run(AllocateTwiceAround(seen)));

        Assert.Equal(["mm", "node"], seen.Order(StringComparer.Ordinal));
    }
}
