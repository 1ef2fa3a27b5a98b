// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>The kernel semantics of each controlled primitive, each shown able to fail.</summary>
public sealed class PrimitiveTests
{
    [Fact]
    public void SpinLockSelfDeadlockIsReported()
    {
        var report = Explore.Body(async rt =>
        {
            var l = rt.NewSpinLock("l");
            await l.Lock();
            await l.Lock();
        }, iterations: 1);

        Assert.Equal(BugKind.Deadlock, report.Bugs[0].Bug.Kind);
        Assert.Contains("self-deadlock", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void LockdepAssertHeldFiresWithoutTheLock()
    {
        var report = Explore.Body(rt =>
        {
            rt.NewSpinLock("l").AssertHeld();
            return Task.CompletedTask;
        }, iterations: 1);

        Assert.Equal(BugKind.Assertion, report.Bugs[0].Bug.Kind);
        Assert.Contains("lockdep_assert_held(l)", report.Bugs[0].Bug.Message);
    }

    /// <summary>A lock-guarded field checks its lock on every access, a spinlock's and a mutex's alike; held, it is silent.</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void A_guarded_field_asserts_its_lock_on_every_access(bool held, bool mutex)
    {
        var report = Explore.Body(async rt =>
        {
            if (mutex)
            {
                var m = rt.NewMutex("m");
                var field = new Guarded<int>(m, 0);
                if (held) await m.Lock();
                field.Value = 1;
                if (held) await m.Unlock();
            }
            else
            {
                var l = rt.NewSpinLock("l");
                var field = new Guarded<int>(l, 0);
                if (held) await l.Lock();
                _ = field.Value;
                if (held) await l.Unlock();
            }
        }, iterations: 1);

        if (held)
        {
            Assert.False(report.FoundBug);
            return;
        }

        Assert.Equal(BugKind.Assertion, report.Bugs[0].Bug.Kind);
        Assert.Contains($"lockdep_assert_held({(mutex ? "m" : "l")})", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void MutexTryLockFailsWhileHeldElsewhere()
    {
        var report = Explore.Body(rt =>
        {
            var m = rt.NewMutex("m");
            var sawBusy = rt.NewCell("saw_busy", false);
            rt.Spawn("holder", async () =>
            {
                await m.Lock();
                await m.Unlock();
            });
            rt.Spawn("trier", async () =>
            {
                if (await m.TryLock()) await m.Unlock();
                else rt.Assert(false, "trylock found the mutex busy");
            });
            return Task.CompletedTask;
        }, "dfs");

        Assert.True(report.FoundBug);
        Assert.Contains("busy", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void RwSemaphoreAdmitsTwoReadersButNoWriterBesideThem()
    {
        var readers = Explore.Body(rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            var inside = rt.NewAtomic("inside", 0);
            for (var i = 0; i < 2; i++)
            {
                rt.Spawn($"reader{i}", async () =>
                {
                    await sem.DownRead();
                    var now = await inside.AddReturn(1);
                    rt.Assert(now < 2, "two readers inside together");
                    await inside.AddReturn(-1);
                    await sem.UpRead();
                });
            }

            return Task.CompletedTask;
        }, "dfs");
        Assert.True(readers.FoundBug, "readers should be able to share the semaphore");

        var writer = Explore.Body(rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            var inside = rt.NewAtomic("inside", 0);
            rt.Spawn("reader", async () =>
            {
                await sem.DownRead();
                await inside.AddReturn(1);
                await inside.AddReturn(-1);
                await sem.UpRead();
            });
            rt.Spawn("writer", async () =>
            {
                await sem.DownWrite();
                rt.Assert(await inside.Read() == 0, "writer beside a reader");
                await sem.UpWrite();
            });
            return Task.CompletedTask;
        }, "dfs");
        Assert.False(writer.FoundBug, writer.FoundBug ? writer.Bugs[0].ToString() : "");
        Assert.True(writer.Exhausted);
    }

    [Fact]
    public void WaitEventWithNoWakerIsADeadlock()
    {
        var report = Explore.Body(async rt =>
        {
            var flag = rt.NewCell("flag", false);
            var wq = rt.NewWaitQueue("wq");
            rt.Spawn("setter", async () => await flag.WriteOnce(true));   // sets, never wakes
            await wq.WaitEvent(flag, isSet => isSet);
        }, "dfs");

        Assert.Equal(BugKind.Deadlock, report.Bugs[0].Bug.Kind);
        Assert.Contains("wait_event on wq", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void SynchronizeSrcuDoesNotWaitForLaterReaders()
    {
        // The late reader enters only after the writer has begun synchronize_srcu and holds its
        // read lock until the writer is past it: waiting for it would deadlock.
        var report = Explore.Body(rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            var started = rt.NewCell("started", false);
            var past = rt.NewCell("past", false);
            var wq = rt.NewWaitQueue("wq");
            rt.Spawn("writer", async () =>
            {
                await started.WriteOnce(true);
                await srcu.Synchronize();
                await past.WriteOnce(true);
                await wq.WakeUpAll();
            });
            rt.Spawn("late-reader", async () =>
            {
                await wq.WaitEvent(started, hasStarted => hasStarted);
                var idx = await srcu.ReadLock();
                await wq.WaitEvent(past, isPast => isPast);
                await srcu.ReadUnlock(idx);
            });
            return Task.CompletedTask;
        }, "dfs", iterations: 10_000);

        // The only deadlocks possible are lost wake-ups of 'started' (the writer never wakes for it).
        Assert.All(report.Bugs, b => Assert.DoesNotContain("grace period", b.Bug.Message));
    }

    [Fact]
    public void SynchronizeSrcuWaitsForEarlierReaders()
    {
        var report = Explore.Body(rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            var inside = rt.NewCell("inside", false);
            var entered = rt.NewCell("entered", false);
            var wq = rt.NewWaitQueue("wq");
            rt.Spawn("reader", async () =>
            {
                var idx = await srcu.ReadLock();
                await inside.WriteOnce(true);
                await entered.WriteOnce(true);
                await wq.WakeUpAll();
                await inside.WriteOnce(false);
                await srcu.ReadUnlock(idx);
            });
            rt.Spawn("writer", async () =>
            {
                await wq.WaitEvent(entered, hasEntered => hasEntered);
                await srcu.Synchronize();
                rt.Assert(!await inside.ReadOnce(), "grace period ended while a reader was inside");
            });
            return Task.CompletedTask;
        }, "dfs");

        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
        Assert.True(report.Exhausted);
    }

    [Fact]
    public void SrcuBarrierWaitsForQueuedCallbacks()
    {
        var report = Explore.Body(async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            var ran = rt.NewCell("ran", false);
            var idx = await srcu.ReadLock();
            await srcu.CallSrcu("cb", async () => await ran.WriteOnce(true));
            await srcu.ReadUnlock(idx);
            await srcu.Barrier();
            rt.Assert(await ran.ReadOnce(), "srcu_barrier returned before the callback ran");
        }, "dfs");

        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
    }

    [Fact]
    public void SrcuCallbackMayNotSleep()
    {
        var report = Explore.Body(async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            var m = rt.NewMutex("m");
            await srcu.CallSrcu("sleepy", async () => await m.Lock());
        }, iterations: 1);

        Assert.Equal(BugKind.SleepInAtomic, report.Bugs[0].Bug.Kind);
        Assert.Contains("SRCU callback", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void SynchronizeInsideOwnReadSectionIsASelfDeadlock()
    {
        var report = Explore.Body(async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            _ = await srcu.ReadLock();
            await srcu.Synchronize();
        }, iterations: 1);

        Assert.Equal(BugKind.Deadlock, report.Bugs[0].Bug.Kind);
    }

    [Fact]
    public void DoubleFreeAndUseAfterFreeAreReported()
    {
        var doubleFree = Explore.Body(async rt =>
        {
            var obj = rt.NewLifetime("obj");
            await obj.Free();
            await obj.Free();
        }, iterations: 1);
        Assert.Equal(BugKind.DoubleFree, doubleFree.Bugs[0].Bug.Kind);

        var callback = Explore.Body(async rt =>
        {
            var obj = rt.NewLifetime("sub");
            await obj.Free();
            obj.CheckAlive("ops->invalidate");
        }, iterations: 1);
        Assert.Equal(BugKind.UseAfterFree, callback.Bugs[0].Bug.Kind);
        Assert.Contains("ops->invalidate", callback.Bugs[0].Bug.Message);

        var lockOfFreed = Explore.Body(async rt =>
        {
            var obj = rt.NewLifetime("sub");
            var l = rt.NewSpinLock("sub.lock", obj);
            await obj.Free();
            await l.Lock();
        }, iterations: 1);
        Assert.Equal(BugKind.UseAfterFree, lockOfFreed.Bugs[0].Bug.Kind);
    }

    [Fact]
    public void NoSleepRegionCatchesSleeping()
    {
        var report = Explore.Body(async rt =>
        {
            var m = rt.NewMutex("drv.lock");
            using (rt.EnterNoSleep("non-blockable invalidation"))
                await m.Lock();
        }, iterations: 1);

        Assert.Equal(BugKind.SleepInAtomic, report.Bugs[0].Bug.Kind);
        Assert.Contains("non-blockable invalidation", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void TryLockIsAllowedInANoSleepRegion()
    {
        var report = Explore.Body(async rt =>
        {
            var m = rt.NewMutex("drv.lock");
            using (rt.EnterNoSleep("non-blockable invalidation"))
                if (await m.TryLock()) await m.Unlock();
        }, iterations: 1);

        Assert.False(report.FoundBug);
    }

    [Fact]
    public void AtomicOperationsFollowTheirKernelMeaning()
    {
        var report = Explore.Body(async rt =>
        {
            var users = rt.NewAtomic("mm_users", 1);
            rt.Assert(await users.IncNotZero(), "inc_not_zero on 1");
            rt.Assert(!await users.DecAndTest(), "2 -> 1 is not zero");
            rt.Assert(await users.DecAndTest(), "1 -> 0 is zero");
            rt.Assert(!await users.IncNotZero(), "inc_not_zero on 0 must fail");
            rt.Assert(await users.CompareExchange(0, 5) == 0, "cmpxchg returns the old value");
            rt.Assert(await users.Read() == 5, "cmpxchg stored");
        }, iterations: 1);

        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
    }
}
