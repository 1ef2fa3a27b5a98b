// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>
/// The runtime keeps its primitives from run to run and renews them by creation order. A renewed
/// primitive is a new one: whatever the previous run left in it (a held lock, readers, sleepers,
/// a free, a value, detector state) is gone, so every sample under every strategy makes the same
/// schedules and reports the same bugs with recycling as without.
/// </summary>
public sealed class RecyclingTests
{
    /// <summary>
    /// Leaves every kind of primitive dirty when <paramref name="dirty"/> holds (the run ends with a
    /// spinlock, mutex and rw-semaphore held, an SRCU reader inside, a sleeper on a wait queue, a
    /// freed allocation and written cells); otherwise checks that each is as new.
    /// </summary>
    private static async Task DirtyOrCheck(IRuntime rt, bool dirty)
    {
        var memory = rt.NewLifetime("obj");
        var spin = rt.NewSpinLock("spin", memory);
        var mutex = rt.NewMutex("mutex");
        var sem = rt.NewRwSemaphore("sem");
        var srcu = rt.NewSrcu("srcu");
        var wq = rt.NewWaitQueue("wq");
        var cell = rt.NewCell("cell", 1);
        var atomic = rt.NewAtomic("atomic", 10);
        if (dirty)
        {
            await cell.WriteOnce(99);
            await atomic.Set(-5);
            await mutex.Lock();
            await sem.DownRead();
            await srcu.ReadLock();
            await spin.Lock();
            await spin.Unlock();
            await memory.Free();
            var sleeper = rt.Spawn("sleeper", () => wq.SleepUntilWoken().AsTask());
            return;
        }

        rt.Assert(((Engine.Primitives.ControlledWaitQueue)wq).SleeperCount == 0, "a renewed wait queue kept its sleepers");
        rt.Assert(await cell.ReadOnce() == 1, "a renewed cell kept the old value");
        rt.Assert(await atomic.Read() == 10, "a renewed atomic kept the old value");
        await mutex.Lock();
        await mutex.Unlock();
        await sem.DownWrite();
        await sem.UpWrite();
        await srcu.Synchronize();
        await spin.Lock();
        await spin.Unlock();
        await memory.Free();
        await wq.WakeUpAll();
    }

    private static string RunTwice(bool recycles, Detectors detectors)
    {
        var runtime = ControlledRuntime.For(new ExplorationOptions { Detectors = detectors });
        runtime.RecyclesPrimitives = recycles;
        runtime.Run(rt => DirtyOrCheck(rt, dirty: true), Started(new RandomStrategy(3)), maxSteps: 1000);
        runtime.Run(rt => DirtyOrCheck(rt, dirty: false), Started(new RandomStrategy(4)), maxSteps: 1000);
        Assert.Equal(recycles ? 8 : 0, runtime.RecycledPrimitives);
        return RunOutcome.Of(runtime);
    }

    [Theory]
    [InlineData(Detectors.None)]
    [InlineData(Detectors.Kasan | Detectors.Kcsan | Detectors.Lockdep)]
    public void A_renewed_primitive_keeps_nothing_of_the_run_that_left_it_dirty(Detectors detectors)
    {
        var outcome = RunTwice(recycles: true, detectors);
        Assert.Equal(RunTwice(recycles: false, detectors), outcome);
        Assert.Contains("bugs []", outcome);
    }

    private static IEnumerable<(string Name, Func<IRuntime, Task> Body, bool WeakMemory)> Programs() =>
        SampleCatalog.All.Select(s => (s.Name, s.Body, s.WeakMemoryBug))
            .Append(("every-kind-dirty", rt => DirtyOrCheck(rt, dirty: true), false))
            .Append(("every-kind-clean", rt => DirtyOrCheck(rt, dirty: false), false));

    public static TheoryData<string> Strategies() =>
        new(StrategyRegistry.All.Where(d => !d.IsPortfolio).Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Recycling_makes_the_schedules_new_primitives_make(string strategy)
    {
        var compared = 0;
        var withBugs = 0;
        long recycled = 0;
        foreach (var sample in Programs())
        {
            var options = new ExplorationOptions
            {
                Strategy = strategy,
                MemoryModel = sample.WeakMemory ? MemoryModel.Lkmm : MemoryModel.Sc,
            };
            var settings = new StrategySettings(Seed: 5, EstimatedLength: 60, PreemptionBound: 2);
            var descriptor = StrategyRegistry.Find(strategy);
            var fresh = (Strategy: descriptor.Create(settings), Runtime: ControlledRuntime.For(options));
            var recycling = (Strategy: descriptor.Create(settings), Runtime: ControlledRuntime.For(options));
            fresh.Runtime.RecyclesPrimitives = false;
            for (var iteration = 0; iteration < 25; iteration++)
            {
                var more = fresh.Strategy.InitializeIteration(iteration);
                Assert.Equal(more, recycling.Strategy.InitializeIteration(iteration));
                if (!more) break;
                fresh.Runtime.Run(sample.Body, fresh.Strategy, options.MaxSteps);
                recycling.Runtime.Run(sample.Body, recycling.Strategy, options.MaxSteps);
                Assert.Equal(RunOutcome.Of(fresh.Runtime), RunOutcome.Of(recycling.Runtime));
                compared++;
                if (fresh.Runtime.Bugs.Count > 0) withBugs++;
            }

            Assert.Equal(0, fresh.Runtime.RecycledPrimitives);
            recycled += recycling.Runtime.RecycledPrimitives;
        }

        Assert.True(compared > SampleCatalog.All.Count, $"only {compared} schedules compared");
        Assert.True(withBugs > 0, "no schedule reported a bug");
        // A reducing strategy carries what it learnt of a run's steps into later runs: it gets new primitives.
        if (StrategyRegistry.Find(strategy).Create(new StrategySettings(Seed: 5)) is IStepObserver) Assert.Equal(0, recycled);
        else Assert.True(recycled > 0, "no primitive was renewed");
    }

    [Fact]
    public void A_primitive_made_outside_a_run_is_never_handed_out_again()
    {
        var runtime = new ControlledRuntime();
        var outside = runtime.NewCell("outside", 5);
        ICell<int>? inside = null;
        runtime.Run(rt =>
        {
            inside = rt.NewCell("inside", 0);
            return Task.CompletedTask;
        }, Started(new RandomStrategy(1)), maxSteps: 100);
        runtime.Run(rt =>
        {
            Assert.NotSame(outside, rt.NewCell("inside", 0));
            return Task.CompletedTask;
        }, Started(new RandomStrategy(1)), maxSteps: 100);
        Assert.Equal(5, outside.Peek());
        Assert.NotNull(inside);
        Assert.Equal(1, runtime.RecycledPrimitives);
    }

    [Fact]
    public void A_place_that_held_another_kind_gets_a_new_primitive()
    {
        var runtime = new ControlledRuntime();
        runtime.Run(rt =>
        {
            rt.NewSpinLock("a");
            rt.NewCell("b", 0);
            return Task.CompletedTask;
        }, Started(new RandomStrategy(1)), maxSteps: 100);
        runtime.Run(rt =>
        {
            rt.NewMutex("a");
            rt.NewCell("b", 0L);
            return Task.CompletedTask;
        }, Started(new RandomStrategy(1)), maxSteps: 100);
        Assert.Equal(0, runtime.RecycledPrimitives);
        runtime.Run(rt =>
        {
            rt.NewMutex("a");
            rt.NewCell("b", 0L);
            return Task.CompletedTask;
        }, Started(new RandomStrategy(1)), maxSteps: 100);
        Assert.Equal(2, runtime.RecycledPrimitives);
    }

    private static IStrategy Started(IStrategy strategy)
    {
        Assert.True(strategy.InitializeIteration(0));
        return strategy;
    }
}
