// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>PCT's change points (Burckhardt et al., ASPLOS 2010) are distinct and fall only where there is a choice.</summary>
public sealed class PctStrategyTests
{
    /// <summary>Three threads of writes, the third one spawned late and short: many steps have one thread enabled.</summary>
    private static Task Uneven(IRuntime rt)
    {
        var x = rt.NewCell("x", 0);
        rt.Spawn("long", async () =>
        {
            for (var i = 0; i < 12; i++) await x.WriteOnce(i);
        });
        rt.Spawn("short", async () => await x.WriteOnce(-1));
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(3, 20)]
    [InlineData(10, 6)]   // more change points wanted than contested steps: one per step, each once
    [InlineData(1, 20)]   // d = 1: no change point
    public void ChangePointsAreDistinctAndOnlyAtStepsWithAChoice(int depth, int length)
    {
        var runtime = new ControlledRuntime();
        var strategy = new PctStrategy(seed: 5, depth, length);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            strategy.InitializeIteration(iteration);
            runtime.Run(Uneven, strategy, maxSteps: 1000);

            var points = strategy.ChangePoints;
            Assert.Equal(Math.Min(depth - 1, length), points.Count);
            Assert.Equal(points.Count, points.Distinct().Count());
            Assert.All(points, p => Assert.InRange(p, 1, length));
            Assert.All(strategy.Demotions, d => Assert.True(d.Enabled > 1, $"a change point at step {d.Step} with one thread enabled"));
            Assert.True(strategy.Demotions.Count <= points.Count);
        }
    }

    [Fact]
    public void EveryChangePointWithinTheContestedStepsDemotes()
    {
        // With k at most the contested steps every schedule has, each drawn point is reached.
        var runtime = new ControlledRuntime();
        var strategy = new PctStrategy(seed: 2, depth: 4, estimatedLength: 1);
        for (var iteration = 0; iteration < 50; iteration++)
        {
            strategy.InitializeIteration(iteration);
            runtime.Run(Uneven, strategy, maxSteps: 1000);
            Assert.Single(strategy.Demotions);
        }
    }
}
