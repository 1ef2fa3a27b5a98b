// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Checking;

/// <summary>lockdep: lock classes, the dependency graph (within a schedule and across schedules), lock maps, locks held at exit.</summary>
public sealed class LockdepTests
{
    private static ExplorationReport Exhaust(Func<IRuntime, Task> body, Detectors detectors = Detectors.All)
    {
        var report = Explorer.Explore(TestProgram.Sample("lockdep", body), new ExplorationOptions
        {
            Strategy = "dfs",
            Iterations = 10_000,
            Detectors = detectors,
            StopAtFirstBug = false,
        });
        Assert.True(report.Exhausted || report.FoundBug);
        return report;
    }

    private static Func<IRuntime, Task> TwoThreads(Func<IRuntime, (Func<Task> First, Func<Task> Second)> make, bool join) => async rt =>
    {
        var (first, second) = make(rt);
        var a = rt.Spawn("cpu0", first);
        if (join) await a.Join();
        var b = rt.Spawn("cpu1", second);
        await b.Join();
        if (!join) await a.Join();
    };

    private static async Task Nest(IMutex outer, IMutex inner)
    {
        await outer.Lock();
        await inner.Lock();
        await inner.Unlock();
        await outer.Unlock();
    }

    private static Func<IRuntime, Task> Mutexes(bool inverted) => TwoThreads(rt =>
    {
        var a = rt.NewMutex("lock_a");
        var b = rt.NewMutex("lock_b");
        return (() => Nest(a, b), () => inverted ? Nest(b, a) : Nest(a, b));
    }, join: true);

    [Fact]
    public void An_inversion_that_never_deadlocks_is_reported_in_every_schedule()
    {
        var report = Exhaust(Mutexes(inverted: true));

        Assert.Equal(report.Iterations, report.BuggyIterations);
        Assert.All(report.Bugs, b => Assert.Equal(BugKind.Deadlock, b.Bug.Kind));
        Assert.Contains("possible circular locking dependency", report.Bugs[0].Bug.Message);
        Assert.Contains("lock_a", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void The_same_order_everywhere_is_silent()
    {
        Assert.False(Exhaust(Mutexes(inverted: false)).FoundBug);
    }

    [Fact]
    public void Switched_off_lockdep_sees_nothing_in_an_inversion_that_cannot_deadlock()
    {
        Assert.False(Exhaust(Mutexes(inverted: true), Detectors.None).FoundBug);
    }

    /// <summary>All locks made at one site are one class: taking two instances in opposite orders is an inversion of nothing.</summary>
    [Fact]
    public void Locks_of_one_class_in_either_order_are_not_a_cycle()
    {
        var report = Exhaust(TwoThreads(rt =>
        {
            var locks = Enumerable.Range(0, 2).Select(i => rt.NewMutex($"sub[{i}].mutex")).ToArray();
            return (() => Nest(locks[0], locks[1]), () => Nest(locks[1], locks[0]));
        }, join: true));

        Assert.False(report.FoundBug);
    }

    /// <summary>One thread takes AB in some schedules and BA in others: no schedule holds both halves, the exploration does.</summary>
    [Fact]
    public void Halves_of_a_cycle_from_different_schedules_are_reported_by_the_exploration()
    {
        static Func<IRuntime, Task> Body(bool inverted) => async rt =>
        {
            var a = rt.NewMutex("lock_a");
            var b = rt.NewMutex("lock_b");
            var reversed = inverted && await rt.ChooseBool("order");
            await (reversed ? Nest(b, a) : Nest(a, b));
        };

        var inverted = Exhaust(Body(inverted: true));
        var fixedOrder = Exhaust(Body(inverted: false));

        Assert.Empty(inverted.Bugs);
        var cycle = Assert.Single(inverted.LockOrderCycles);
        Assert.Equal(2, cycle.Links.Count);
        Assert.NotEqual(cycle.Links[0].Schedule, cycle.Links[1].Schedule);
        Assert.Contains("across schedules", cycle.Describe());
        Assert.True(inverted.FoundBug);
        Assert.False(fixedOrder.FoundBug);
    }

    [Fact]
    public void Cross_schedule_cycles_do_not_depend_on_the_number_of_workers()
    {
        static Task Body(IRuntime rt) => Choice(rt);

        static async Task Choice(IRuntime rt)
        {
            // Three creation lines: three classes (a class is keyed by file and line).
            var lock0 = rt.NewMutex("lock_0");
            var lock1 = rt.NewMutex("lock_1");
            var lock2 = rt.NewMutex("lock_2");
            IMutex[] locks = [lock0, lock1, lock2];
            var order = await rt.Choose("order", 3);
            await Nest(locks[order], locks[(order + 1) % 3]);
        }

        ExplorationReport Run(int workers) => Explorer.Explore(TestProgram.Sample("three", Body),
            new ExplorationOptions { Strategy = "random", Iterations = 64, Seed = 3, Workers = workers });

        var one = Run(1);
        var two = Run(2);
        Assert.Equal(one.LockOrderCycles.Select(c => c.Describe()), two.LockOrderCycles.Select(c => c.Describe()));
        Assert.Single(one.LockOrderCycles);
    }

    private static Func<IRuntime, Task> LockMaps(bool inverted) => TwoThreads(rt =>
    {
        var a = rt.NewLockMap("map_a");
        var b = rt.NewLockMap("map_b");

        async Task Both(ILockMap outer, ILockMap inner)
        {
            outer.Acquire();
            inner.Acquire();
            await rt.Yield();
            inner.Release();
            outer.Release();
        }

        return (() => Both(a, b), () => inverted ? Both(b, a) : Both(a, b));
    }, join: false);

    [Fact]
    public void Lock_maps_in_opposite_orders_are_a_cycle()
    {
        var report = Exhaust(LockMaps(inverted: true));
        Assert.Contains("possible circular locking dependency", report.Bugs[0].Bug.Message);
        Assert.False(Exhaust(LockMaps(inverted: false)).FoundBug);
    }

    /// <summary>The kernel's pattern: a driver lock taken inside the invalidation map and around the map's read-side use.</summary>
    [Fact]
    public void A_lock_taken_inside_a_lock_map_and_around_it_is_a_cycle_through_the_map()
    {
        static Func<IRuntime, Task> Body(bool mapInsideLock) => TwoThreads(rt =>
        {
            var map = rt.NewLockMap("invalidate_range_start_map");
            var driver = rt.NewMutex("driver.mutex");
            return (async () =>
            {
                map.Acquire();
                await driver.Lock();
                await driver.Unlock();
                map.Release();
            }, async () =>
            {
                if (mapInsideLock) await driver.Lock();
                map.Acquire();
                map.Release();
                if (mapInsideLock) await driver.Unlock();
            });
        }, join: true);

        Assert.True(Exhaust(Body(mapInsideLock: true)).FoundBug);
        Assert.False(Exhaust(Body(mapInsideLock: false)).FoundBug);
    }

    [Fact]
    public void A_lock_map_acquired_twice_is_recursive_locking()
    {
        var report = Exhaust(rt =>
        {
            var map = rt.NewLockMap("map");
            map.Acquire();
            map.Acquire();
            return Task.CompletedTask;
        });

        Assert.Contains("possible recursive locking", report.Bugs[0].Bug.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_thread_that_finishes_holding_a_lock_or_map_is_reported(bool map)
    {
        static Func<IRuntime, Task> Body(bool map, bool release) => async rt =>
        {
            var lockMap = rt.NewLockMap("map");
            var mutex = rt.NewMutex("mutex");
            await rt.Spawn("cpu0", async () =>
            {
                if (map) lockMap.Acquire();
                else await mutex.Lock();
                await rt.Yield();
                if (!release) return;
                if (map) lockMap.Release();
                else await mutex.Unlock();
            }).Join();
        };

        var leaked = Exhaust(Body(map, release: false));
        Assert.Equal(BugKind.Lockdep, leaked.Bugs[0].Bug.Kind);
        Assert.Contains("lock held when returning: cpu0", leaked.Bugs[0].Bug.Message);
        Assert.False(Exhaust(Body(map, release: true)).FoundBug);
        Assert.False(Exhaust(Body(map, release: false), Detectors.None).FoundBug);
    }

    [Fact]
    public void A_thread_that_finishes_inside_an_srcu_read_section_is_reported()
    {
        // Two readers: cpu0 leaves its section only when told to; cpu1 always does. No
        // synchronize_srcu follows, so only the exit check can see the leaked section.
        static Func<IRuntime, Task> Body(bool unlock) => async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            var a = rt.Spawn("cpu0", async () =>
            {
                var id = await srcu.ReadLock();
                await rt.Yield();
                if (unlock) await srcu.ReadUnlock(id);
            });
            var b = rt.Spawn("cpu1", async () =>
            {
                var id = await srcu.ReadLock();
                await srcu.ReadUnlock(id);
            });
            await a.Join();
            await b.Join();
        };

        var leaked = Exhaust(Body(unlock: false));
        Assert.Equal(BugKind.Lockdep, leaked.Bugs[0].Bug.Kind);
        Assert.Contains("lock held when returning: cpu0 finished inside srcu_read_lock(srcu)", leaked.Bugs[0].Bug.Message);
        Assert.All(leaked.Bugs, b => Assert.DoesNotContain("cpu1", b.Bug.Message));
        Assert.False(Exhaust(Body(unlock: true)).FoundBug);
        Assert.False(Exhaust(Body(unlock: false), Detectors.None).FoundBug);
    }

    [Fact]
    public void A_trylock_adds_no_dependency()
    {
        var report = Exhaust(TwoThreads(rt =>
        {
            var a = rt.NewMutex("lock_a");
            var b = rt.NewMutex("lock_b");
            return (() => Nest(a, b), async () =>
            {
                await b.Lock();
                if (await a.TryLock()) await a.Unlock();
                await b.Unlock();
            });
        }, join: true));

        Assert.False(report.FoundBug);
    }
}
