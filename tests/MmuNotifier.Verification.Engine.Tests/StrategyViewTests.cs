// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>A strategy sees, at each scheduling point, what every enabled thread is about to do.</summary>
public sealed class StrategyViewTests
{
    /// <summary>Runs the lowest enabled thread and writes down each enabled thread's pending access.</summary>
    private sealed class Recording : IStrategy
    {
        public List<string> Seen { get; } = [];

        public string Name => "recording";

        public bool InitializeIteration(long iteration) => iteration == 0;

        public int NextThread(in SchedulingView view)
        {
            foreach (var id in view.Enabled)
            {
                var pending = view.Pending(id);
                Seen.Add($"{view.Step}:{id}:{pending.Kind}:{pending.Target}");
            }

            return view.Enabled[0];
        }

        public int NextChoice(int count) => 0;
    }

    [Fact]
    public void PendingAccessesAreVisibleToTheStrategy()
    {
        var strategy = new Recording();
        var runtime = new Runtime.ControlledRuntime();

        runtime.Run(rt =>
        {
            var x = rt.NewCell("x", 0);
            var l = rt.NewSpinLock("l");
            rt.Spawn("a", async () => await x.WriteOnce(1));
            rt.Spawn("b", async () =>
            {
                await l.Lock();
                await l.Unlock();
            });
            return Task.CompletedTask;
        }, strategy, maxSteps: 100);

        Assert.Empty(runtime.Bugs);
        Assert.Contains("0:1:WriteOnce:x", strategy.Seen);
        Assert.Contains("0:2:Acquire:l", strategy.Seen);
        Assert.Contains(strategy.Seen, s => s.EndsWith(":2:Release:l", StringComparison.Ordinal));
    }
}
