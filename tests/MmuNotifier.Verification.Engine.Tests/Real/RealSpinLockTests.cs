// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests.Real;

public sealed class RealSpinLockTests
{
    [Fact]
    public void Trylock_fails_while_another_thread_holds_it_and_succeeds_after()
    {
        bool? whileHeld = null, afterRelease = null;
        using var tried = new ManualResetEventSlim();
        var result = RealRun.Run(async rt =>
        {
            var spin = rt.NewSpinLock("lock");
            await spin.Lock();
            var other = rt.Spawn("other", async () =>
            {
                whileHeld = await spin.TryLock();
                tried.Set();
            });
            RealRun.Await(tried);
            await spin.Unlock();
            await other.Join();
            afterRelease = await spin.TryLock();
            await spin.Unlock();
        });

        RealRun.AssertClean(result);
        Assert.False(whileHeld);
        Assert.True(afterRelease);
    }

    [Fact]
    public void Relocking_a_held_lock_is_a_self_deadlock()
    {
        var result = RealRun.Run(async rt =>
        {
            var spin = rt.NewSpinLock("lock");
            await spin.Lock();
            await spin.Lock();
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.Deadlock);
        Assert.Contains("lock", bug.Message);
        Assert.Equal("main", bug.Thread);
    }

    [Fact]
    public void Sleeping_while_holding_it_is_reported()
    {
        var result = RealRun.Run(async rt =>
        {
            var spin = rt.NewSpinLock("pt_lock");
            var mutex = rt.NewMutex("m");
            await spin.Lock();
            await mutex.Lock();
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.SleepInAtomic);
        Assert.Contains("pt_lock", bug.Message);
    }

    [Fact]
    public void Assert_held_fails_without_the_lock_and_passes_with_it()
    {
        var result = RealRun.Run(async rt =>
        {
            var spin = rt.NewSpinLock("lock");
            await spin.Lock();
            spin.AssertHeld();
            Assert.True(spin.IsHeldByCurrentThread);
            await spin.Unlock();
            spin.AssertHeld();
        });

        RealRun.AssertSingleBug(result, BugKind.Assertion);
    }

    [Fact]
    public void Unlock_by_a_thread_that_does_not_hold_it_is_reported()
    {
        var result = RealRun.Run(async rt =>
        {
            var spin = rt.NewSpinLock("lock");
            await spin.Unlock();
        });

        RealRun.AssertSingleBug(result, BugKind.Assertion);
    }
}
