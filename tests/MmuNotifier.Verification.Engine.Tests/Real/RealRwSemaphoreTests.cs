// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests.Real;

public sealed class RealRwSemaphoreTests
{
    [Fact]
    public void Writers_exclude_each_other_and_readers()
    {
        int counter = 0, readersInside = 0, violations = 0;
        var result = RealRun.Run(async rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            async Task Writer()
            {
                for (int i = 0; i < 200; i++)
                {
                    await sem.DownWrite();
                    sem.AssertWriteHeld();
                    if (Volatile.Read(ref readersInside) != 0) Interlocked.Increment(ref violations);
                    int seen = counter;
                    Thread.Yield();
                    counter = seen + 1;
                    await sem.UpWrite();
                }
            }

            async Task Reader()
            {
                for (int i = 0; i < 200; i++)
                {
                    await sem.DownRead();
                    sem.AssertHeld();
                    Interlocked.Increment(ref readersInside);
                    Thread.Yield();
                    Interlocked.Decrement(ref readersInside);
                    await sem.UpRead();
                }
            }

            var threads = new[] { rt.Spawn("w1", Writer), rt.Spawn("w2", Writer), rt.Spawn("r", Reader) };
            foreach (var t in threads) await t.Join();
        });

        RealRun.AssertClean(result);
        Assert.Equal(400, counter);
        Assert.Equal(0, violations);
    }

    [Fact]
    public void Readers_share_it()
    {
        // Both readers must be inside at once to pass the barrier: an exclusive lock would hang here.
        using var both = new Barrier(2);
        var result = RealRun.Run(async rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            async Task Reader()
            {
                await sem.DownRead();
                Assert.True(both.SignalAndWait(TimeSpan.FromSeconds(5)));
                await sem.UpRead();
            }

            var a = rt.Spawn("a", Reader);
            var b = rt.Spawn("b", Reader);
            await a.Join();
            await b.Join();
        });

        RealRun.AssertClean(result);
    }

    [Fact]
    public void Trylocks_respect_the_current_holders()
    {
        var outcomes = new List<bool>();
        var result = RealRun.Run(async rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            await sem.DownRead();
            var other = rt.Spawn("other", async () =>
            {
                outcomes.Add(await sem.TryDownWrite());
                outcomes.Add(await sem.TryDownRead());
                await sem.UpRead();
            });
            await other.Join();
            await sem.UpRead();
            outcomes.Add(await sem.TryDownWrite());
            outcomes.Add(await sem.TryDownRead());
            await sem.UpWrite();
        });

        RealRun.AssertClean(result);
        Assert.Equal([false, true, true, false], outcomes);
    }

    [Fact]
    public void Up_read_may_run_on_another_thread()
    {
        var result = RealRun.Run(async rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            await sem.DownRead();
            var other = rt.Spawn("other", async () => await sem.UpRead());
            await other.Join();
            await sem.DownWrite();
            await sem.UpWrite();
        });

        RealRun.AssertClean(result);
    }

    [Fact]
    public void Write_after_read_on_the_same_thread_is_a_self_deadlock()
    {
        var result = RealRun.Run(async rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            await sem.DownRead();
            await sem.DownWrite();
        });

        RealRun.AssertSingleBug(result, BugKind.Deadlock);
    }

    [Fact]
    public void Assert_write_held_fails_for_a_reader()
    {
        var result = RealRun.Run(async rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            await sem.DownRead();
            sem.AssertHeld();
            sem.AssertWriteHeld();
        });

        RealRun.AssertSingleBug(result, BugKind.Assertion);
    }
}
