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

    /// <summary>Always the newest enabled thread: a spawned thread runs to its end before its parent goes on.</summary>
    private sealed class NewestFirst : IStrategy
    {
        public string Name => "newest-first";

        public bool InitializeIteration(long iteration) => true;

        public int NextThread(in SchedulingView view) => view.Enabled[^1];

        public int NextChoice(int count) => 0;
    }

    /// <summary>The bugs of one run under <see cref="NewestFirst"/>, all detectors on.</summary>
    private static IReadOnlyList<Bug> RunNewestFirst(ControlledRuntime runtime, Func<IRuntime, Task> body)
    {
        runtime.Run(body, new NewestFirst(), maxSteps: 1000);
        return runtime.Bugs.ToList();
    }

    /// <summary>
    /// The primitives, and a field guarded by the spinlock, that both runs of the KCSAN tests make
    /// in the same order, so the second run gets the first one's objects renewed.
    /// </summary>
    private static (ISpinLock Lock, ICell<int> Cell, Guarded<int> Field) KcsanWorld(IRuntime rt)
    {
        var spin = rt.NewSpinLock("lock");
        return (spin, rt.NewCell("cell", 0), new Guarded<int>(spin, 0));
    }

    [Fact]
    public void A_renewed_location_remembers_no_access_of_the_run_before()
    {
        var runtime = ControlledRuntime.For(new ExplorationOptions());
        // Run 1: another thread writes the cell and the guarded field, plainly and under the lock.
        Assert.Empty(RunNewestFirst(runtime, rt =>
        {
            var (spin, cell, field) = KcsanWorld(rt);
            rt.Spawn("writer", async () =>
            {
                await spin.Lock();
                field.Value = 1;
                await cell.Write(1);
                await spin.Unlock();
            });
            return Task.CompletedTask;
        }));
        // Run 2: only main touches them. A shadow that still held the writer's accesses of run 1
        // would see main's writes as unordered with them (the writer's clock of run 1 is no one's now).
        Assert.Empty(RunNewestFirst(runtime, async rt =>
        {
            var (spin, cell, field) = KcsanWorld(rt);
            await spin.Lock();
            field.Value = 2;
            await cell.Write(2);
            await spin.Unlock();
        }));
        Assert.Equal(2, runtime.RecycledPrimitives);
    }

    [Fact]
    public void A_renewed_lock_publishes_no_clock_of_the_run_before()
    {
        var runtime = ControlledRuntime.For(new ExplorationOptions());
        // Run 1: a thread releases the lock after a few events of its own, publishing its clock in it.
        Assert.Empty(RunNewestFirst(runtime, rt =>
        {
            var (spin, cell, _) = KcsanWorld(rt);
            rt.Spawn("writer", async () =>
            {
                await cell.WriteOnce(1);
                await spin.Lock();
                await spin.Unlock();
                await spin.Lock();
                await spin.Unlock();
            });
            return Task.CompletedTask;
        }));
        // Run 2: main takes and releases the lock, so it publishes main's clock only; the writer
        // then writes the cell plainly without the lock, and main takes the lock again and reads
        // the cell: a data race, unless the lock still carried the writer's clock of run 1 and so
        // ordered the write before main's read.
        var bugs = RunNewestFirst(runtime, async rt =>
        {
            var (spin, cell, _) = KcsanWorld(rt);
            await spin.Lock();
            await spin.Unlock();
            rt.Spawn("writer", () => cell.Write(1).AsTask());
            await spin.Lock();
            await cell.Read();
            await spin.Unlock();
        });
        Assert.Equal(BugKind.DataRace, Assert.Single(bugs).Kind);
        Assert.Equal(2, runtime.RecycledPrimitives);
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
