// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>
/// Runs the same programs under the same strategy on runtimes that differ only in an internal
/// switch of the engine (a shortcut that must not change the search), and asserts that every
/// schedule comes out the same on all of them.
/// </summary>
internal static class SwitchedRuns
{
    public sealed record Program(string Name, Func<IRuntime, Task> Body, bool WeakMemory = false);

    /// <summary>The result: how many schedules were compared, how many of them reported a bug, and each program's runtimes.</summary>
    public sealed record Comparison(int Compared, int WithBugs, IReadOnlyList<ControlledRuntime[]> Runtimes);

    public static IEnumerable<Program> Samples() => SampleCatalog.All.Select(s => new Program(s.Name, s.Body, s.WeakMemoryBug));

    public static TheoryData<string> Strategies() =>
        new(StrategyRegistry.All.Where(d => !d.IsPortfolio).Select(d => d.Name));

    public static bool Reduces(string strategy) => StrategyRegistry.Find(strategy).Create(new StrategySettings(Seed: 5)) is IStepObserver;

    /// <summary>
    /// Up to 25 schedules of each program on one runtime per entry of <paramref name="variants"/>
    /// (each sets its switches on a new runtime); the first is the reference. <paramref name="afterEach"/>
    /// sees the runtimes after every schedule.
    /// </summary>
    public static Comparison Compare(string strategy, IEnumerable<Program> programs, Action<ControlledRuntime>[] variants,
        Action<ControlledRuntime[]>? afterEach = null)
    {
        var compared = 0;
        var withBugs = 0;
        var all = new List<ControlledRuntime[]>();
        foreach (var program in programs)
        {
            var options = new ExplorationOptions { Strategy = strategy, MemoryModel = program.WeakMemory ? MemoryModel.Lkmm : MemoryModel.Sc };
            var settings = new StrategySettings(Seed: 5, EstimatedLength: 60, PreemptionBound: 2);
            var descriptor = StrategyRegistry.Find(strategy);
            var strategies = variants.Select(_ => descriptor.Create(settings)).ToArray();
            var runtimes = variants.Select(variant =>
            {
                var runtime = ControlledRuntime.For(options);
                variant(runtime);
                return runtime;
            }).ToArray();
            for (var iteration = 0; iteration < 25; iteration++)
            {
                var more = strategies[0].InitializeIteration(iteration);
                for (var i = 1; i < strategies.Length; i++) Assert.Equal(more, strategies[i].InitializeIteration(iteration));
                if (!more) break;
                for (var i = 0; i < runtimes.Length; i++) runtimes[i].Run(program.Body, strategies[i], options.MaxSteps);
                var expected = RunOutcome.Of(runtimes[0]);
                for (var i = 1; i < runtimes.Length; i++) Assert.Equal(expected, RunOutcome.Of(runtimes[i]));
                afterEach?.Invoke(runtimes);
                compared++;
                if (runtimes[0].Bugs.Count > 0) withBugs++;
            }

            all.Add(runtimes);
        }

        return new Comparison(compared, withBugs, all);
    }

    public static IStrategy Started(IStrategy strategy)
    {
        Assert.True(strategy.InitializeIteration(0));
        return strategy;
    }
}
