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
            rt.Spawn("sleeper", () => wq.SleepUntilWoken().AsTask());
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
        runtime.Run(rt => DirtyOrCheck(rt, dirty: true), SwitchedRuns.Started(new RandomStrategy(3)), maxSteps: 1000);
        runtime.Run(rt => DirtyOrCheck(rt, dirty: false), SwitchedRuns.Started(new RandomStrategy(4)), maxSteps: 1000);
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

    private static IEnumerable<SwitchedRuns.Program> Programs() =>
        SwitchedRuns.Samples()
            .Append(new SwitchedRuns.Program("every-kind-dirty", rt => DirtyOrCheck(rt, dirty: true)))
            .Append(new SwitchedRuns.Program("every-kind-clean", rt => DirtyOrCheck(rt, dirty: false)));

    public static TheoryData<string> Strategies() => SwitchedRuns.Strategies();

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Recycling_makes_the_schedules_new_primitives_make(string strategy)
    {
        // New primitives for every factory call are the reference.
        var comparison = SwitchedRuns.Compare(strategy, Programs(), [runtime => runtime.RecyclesPrimitives = false, _ => { }]);

        Assert.True(comparison.Compared > SampleCatalog.All.Count, $"only {comparison.Compared} schedules compared");
        Assert.True(comparison.WithBugs > 0, "no schedule reported a bug");
        Assert.All(comparison.Runtimes, runtimes => Assert.Equal(0, runtimes[0].RecycledPrimitives));
        var recycled = comparison.Runtimes.Sum(runtimes => runtimes[1].RecycledPrimitives);
        // A reducing strategy carries what it learnt of a run's steps into later runs: it gets new primitives.
        if (SwitchedRuns.Reduces(strategy)) Assert.Equal(0, recycled);
        else Assert.True(recycled > 0, "no primitive was renewed");
    }

    /// <summary>One run of a body that only makes primitives; it must report nothing.</summary>
    private static void Build(ControlledRuntime runtime, Action<IRuntime> build)
    {
        runtime.Run(rt =>
        {
            build(rt);
            return Task.CompletedTask;
        }, SwitchedRuns.Started(new RandomStrategy(1)), maxSteps: 100);
        Assert.Empty(runtime.Bugs);
    }

    [Fact]
    public void A_primitive_made_outside_a_run_is_never_handed_out_again()
    {
        var runtime = new ControlledRuntime();
        var outside = runtime.NewCell("outside", 5);
        ICell<int>? inside = null;
        ICell<int>? renewed = null;
        Build(runtime, rt => inside = rt.NewCell("inside", 0));
        Build(runtime, rt => renewed = rt.NewCell("inside", 0));
        Assert.Same(inside, renewed);
        Assert.NotSame(outside, renewed);
        Assert.Equal(5, outside.Peek());
        Assert.Equal(1, runtime.RecycledPrimitives);
    }

    [Fact]
    public void A_place_that_held_another_kind_gets_a_new_primitive()
    {
        var runtime = new ControlledRuntime();
        Build(runtime, rt =>
        {
            rt.NewSpinLock("a");
            rt.NewCell("b", 0);
        });
        Build(runtime, rt =>
        {
            rt.NewMutex("a");
            rt.NewCell("b", 0L);
        });
        Assert.Equal(0, runtime.RecycledPrimitives);
        Build(runtime, rt =>
        {
            rt.NewMutex("a");
            rt.NewCell("b", 0L);
        });
        Assert.Equal(2, runtime.RecycledPrimitives);
    }
}
