// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>
/// A runtime reuses its logical-thread objects from one run to the next. A run after one that
/// stopped with threads holding locks, in atomic sections, with grown clocks and parked
/// continuations must see exactly what it sees on a new runtime: the same schedule, steps, bugs
/// and report texts (which print the threads' names and locksets).
/// </summary>
public sealed class ThreadRecyclingTests
{
    /// <summary>Six threads that take a spinlock, enter an atomic section and race; one asserts mid-way, stopping the run.</summary>
    private static async Task Dirty(IRuntime rt)
    {
        var lockA = rt.NewSpinLock("dirty.lock");
        var shared = rt.NewCell("dirty.shared", 0);
        var threads = new List<IThreadHandle>();
        for (var i = 0; i < 6; i++)
        {
            var me = i;
            threads.Add(rt.Spawn($"dirty{i}", async () =>
            {
                using var _ = rt.EnterNoSleep($"dirty{me} atomic");
                await lockA.Lock();
                await shared.Write(me);
                rt.Assert(me != 3, "dirty3 stops the run");
                await shared.Write(me + 10);
                await lockA.Unlock();
            }));
        }

        foreach (var thread in threads) await thread.Join();
    }

    /// <summary>Two threads, one writing under a lock and one without: a data race whose report names both locksets.</summary>
    private static async Task Probe(IRuntime rt)
    {
        var lockB = rt.NewSpinLock("probe.lock");
        var x = rt.NewCell("probe.x", 0);
        var locked = rt.Spawn("locked", async () =>
        {
            await lockB.Lock();
            await x.Write(1);
            await lockB.Unlock();
        });
        var bare = rt.Spawn("bare", async () =>
        {
            await x.Write(2);
            rt.MightSleep("probe");
        });
        await locked.Join();
        await bare.Join();
    }

    private static RandomStrategy Schedule(int iteration)
    {
        var strategy = new RandomStrategy(7);
        strategy.InitializeIteration(iteration);
        return strategy;
    }

    [Fact]
    public void A_run_after_a_stopped_run_sees_what_a_new_runtime_sees()
    {
        var options = new ExplorationOptions();
        var reused = ControlledRuntime.For(options);
        var dirtyStopped = 0;
        var raced = 0;
        for (var iteration = 0; iteration < 40; iteration++)
        {
            reused.Run(Dirty, Schedule(iteration), maxSteps: 500);
            if (reused.Bugs.Count > 0) dirtyStopped++;

            var fresh = ControlledRuntime.For(options);
            fresh.Run(Probe, Schedule(iteration), maxSteps: 500);
            reused.Run(Probe, Schedule(iteration), maxSteps: 500);
            Assert.Equal(RunOutcome.Of(fresh), RunOutcome.Of(reused));
            if (fresh.Bugs.Count > 0) raced++;
        }

        // The comparison means something only if the dirty runs did stop mid-way and the probe reports.
        Assert.True(dirtyStopped > 0, "no dirty run stopped");
        Assert.True(raced > 0, "no probe run reported its race");
    }
}
