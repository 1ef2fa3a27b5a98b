// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests.Real;

public sealed class RealMutexTests
{
    [Fact]
    public void Trylock_fails_while_held_and_is_allowed_in_atomic_context()
    {
        bool? whileHeld = null;
        using var tried = new ManualResetEventSlim();
        var result = RealRun.Run(async rt =>
        {
            var mutex = rt.NewMutex("m");
            var spin = rt.NewSpinLock("s");
            await mutex.Lock();
            var other = rt.Spawn("other", async () =>
            {
                await spin.Lock();
                whileHeld = await mutex.TryLock();
                await spin.Unlock();
                tried.Set();
            });
            RealRun.Await(tried);
            await mutex.Unlock();
            await other.Join();
        });

        RealRun.AssertClean(result);
        Assert.False(whileHeld);
    }

    [Fact]
    public void Locking_in_a_no_sleep_region_is_reported_with_its_reason()
    {
        var result = RealRun.Run(async rt =>
        {
            var mutex = rt.NewMutex("m");
            using (rt.EnterNoSleep("non-blockable invalidation"))
                await mutex.Lock();
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.SleepInAtomic);
        Assert.Contains("non-blockable invalidation", bug.Message);
    }

    [Fact]
    public void A_closed_no_sleep_region_allows_sleeping_again()
    {
        var result = RealRun.Run(async rt =>
        {
            var mutex = rt.NewMutex("m");
            using (rt.EnterNoSleep("first"))
            {
            }

            await mutex.Lock();
            mutex.AssertHeld();
            await mutex.Unlock();
        });

        RealRun.AssertClean(result);
    }

    [Fact]
    public void Relocking_is_a_self_deadlock_and_unlock_by_non_owner_is_reported()
    {
        var relock = RealRun.Run(async rt =>
        {
            var mutex = rt.NewMutex("m");
            await mutex.Lock();
            await mutex.Lock();
        });
        RealRun.AssertSingleBug(relock, BugKind.Deadlock);

        var foreign = RealRun.Run(async rt =>
        {
            var mutex = rt.NewMutex("m");
            await mutex.Lock();
            var other = rt.Spawn("other", async () => await mutex.Unlock());
            await other.Join();
        });
        var bug = RealRun.AssertSingleBug(foreign, BugKind.Assertion);
        Assert.Equal("other", bug.Thread);
    }
}
