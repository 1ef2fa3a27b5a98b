// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Checking;

/// <summary>KCSAN: conflicting accesses, one plain, that happens-before leaves unordered; each edge has a silent twin.</summary>
public sealed class KcsanTests
{
    private static ExplorationReport Exhaust(Func<IRuntime, Task> body, Detectors detectors = Detectors.All, int iterations = 2000) =>
        Explorer.Explore(TestProgram.Sample("kcsan", body), new ExplorationOptions { Strategy = "dfs", Iterations = iterations, Detectors = detectors });

    private static Bug FirstRace(Func<IRuntime, Task> body)
    {
        var report = Exhaust(body, iterations: 1);
        Assert.True(report.FoundBug);
        var bug = report.Bugs[0].Bug;
        Assert.Equal(BugKind.DataRace, bug.Kind);
        return bug;
    }

    [Fact]
    public void A_plain_write_and_read_race_in_the_first_schedule_naming_both_accesses()
    {
        var bug = FirstRace(RacePlain.Unlocked);

        Assert.Matches(@"data race on value: (read by cpu1|write by cpu0) at step \d+ \(locks held: none\) and (write by cpu0|read by cpu1) at step \d+", bug.Message);
    }

    [Fact]
    public void The_same_accesses_under_a_spinlock_are_silent() => Assert.False(Exhaust(RacePlain.Locked).FoundBug);

    [Fact]
    public void Message_passing_with_a_plain_flag_races() => FirstRace(RacePlain.PlainFlag);

    [Fact]
    public void Message_passing_with_release_and_acquire_is_silent() => Assert.False(Exhaust(RacePlain.ReleaseAcquire).FoundBug);

    [Fact]
    public void The_switch_turns_it_off() =>
        Assert.False(Exhaust(RacePlain.Unlocked, Detectors.All & ~Detectors.Kcsan).FoundBug);

    [Fact]
    public void Marked_accesses_never_race_with_each_other() => Assert.False(Exhaust(async rt =>
    {
        var cell = rt.NewCell("cell", 0);
        var a = rt.Spawn("cpu0", () => cell.WriteOnce(1).AsTask());
        var b = rt.Spawn("cpu1", async () => _ = await cell.ReadOnce());
        await a.Join();
        await b.Join();
    }).FoundBug);

    private static Func<IRuntime, Task> LocklessReaderOfLockedWrite(bool markedRead) => async rt =>
    {
        var cell = rt.NewCell("cell", 0);
        var guard = rt.NewMutex("m");
        var a = rt.Spawn("writer", async () =>
        {
            await guard.Lock();
            await cell.Write(1);
            await guard.Unlock();
        });
        var b = rt.Spawn("reader", async () => _ = markedRead ? await cell.ReadOnce() : await cell.Read());
        await a.Join();
        await b.Join();
    };

    [Fact]
    public void A_lockless_plain_reader_races_with_a_plain_write_under_the_lock() =>
        Assert.Contains("locks held: m", FirstRace(LocklessReaderOfLockedWrite(markedRead: false)).Message);

    /// <summary>The kernel's default KCSAN (ASSUME_PLAIN_WRITES_ATOMIC): a plain word store against a READ_ONCE is not reported.</summary>
    [Fact]
    public void A_lockless_READ_ONCE_reader_of_a_plain_write_is_silent() =>
        Assert.False(Exhaust(LocklessReaderOfLockedWrite(markedRead: true)).FoundBug);

    /// <summary>Two threads update a lock-guarded plain field: recorded as accesses (no scheduling point), ordered by the lock.</summary>
    [Fact]
    public void Lock_guarded_fields_are_silent() => Assert.False(Exhaust(async rt =>
    {
        var guard = rt.NewSpinLock("counter_lock");
        var counter = new Guarded<int>(guard, 0);

        async Task Increment()
        {
            await guard.Lock();
            counter.Value++;
            await guard.Unlock();
        }

        var a = rt.Spawn("cpu0", Increment);
        var b = rt.Spawn("cpu1", Increment);
        await a.Join();
        await b.Join();
        await guard.Lock();
        rt.Assert(counter.Value == 2, "lost increment");
        await guard.Unlock();
    }).FoundBug);

    [Fact]
    public void Spawn_and_join_order_the_parent_and_the_child() => Assert.False(Exhaust(async rt =>
    {
        var cell = rt.NewCell("cell", 0);
        await cell.Write(1);
        await rt.Spawn("child", async () => await cell.Write(await cell.Read() + 1)).Join();
        _ = await cell.Read();
    }).FoundBug);

    [Fact]
    public void A_wake_orders_the_wakers_plain_writes_before_the_woken_waiter() => Assert.False(Exhaust(async rt =>
    {
        var data = rt.NewCell("data", 0);
        var done = rt.NewCell("done", false);
        var wq = rt.NewWaitQueue("wq");
        var waiter = rt.Spawn("waiter", async () =>
        {
            await wq.WaitEvent(done, d => d);
            _ = await data.Read();
        });
        await data.Write(1);
        await done.StoreRelease(true);
        await wq.WakeUpAll();
        await waiter.Join();
    }).FoundBug);

    [Fact]
    public void Synchronize_srcu_orders_the_readers_before_the_writer() => Assert.False(Exhaust(async rt =>
    {
        var srcu = rt.NewSrcu("srcu");
        var data = rt.NewCell("data", 0);
        var entered = rt.NewCell("entered", false);
        var reader = rt.Spawn("reader", async () =>
        {
            var index = await srcu.ReadLock();
            await entered.StoreRelease(true);
            _ = await data.Read();
            await srcu.ReadUnlock(index);
        });
        if (await entered.LoadAcquire())
        {
            await srcu.Synchronize();
            await data.Write(1);
        }

        await reader.Join();
    }).FoundBug);

    [Fact]
    public void A_call_srcu_callback_and_srcu_barrier_are_ordered() => Assert.False(Exhaust(async rt =>
    {
        var srcu = rt.NewSrcu("srcu");
        var data = rt.NewCell("data", 0);
        await data.Write(1);
        await srcu.CallSrcu("cb", async () => await data.Write(2));
        await srcu.Barrier();
        _ = await data.Read();
    }).FoundBug);

    [Fact]
    public void A_barrier_orders_the_writes_before_it_with_the_reads_after_it() => Assert.False(Exhaust(async rt =>
    {
        var barrier = rt.NewBarrier("barrier", 2);
        var a = rt.NewCell("a", 0);
        var b = rt.NewCell("b", 0);
        var other = rt.Spawn("cpu1", async () =>
        {
            await b.Write(1);
            await barrier.Wait();
            _ = await a.Read();
        });
        await a.Write(1);
        await barrier.Wait();
        _ = await b.Read();
        await other.Join();
    }).FoundBug);

    [Fact]
    public void Without_the_barrier_the_same_accesses_race() => FirstRace(async rt =>
    {
        var a = rt.NewCell("a", 0);
        var other = rt.Spawn("cpu1", async () => _ = await a.Read());
        await a.Write(1);
        await other.Join();
    });

    /// <summary>cpu0 writes an ordinary field, cpu1 reads it with nothing ordering the two; the read is plain or data_race().</summary>
    private static Func<IRuntime, Task> PlainFieldRace(bool dataRaceRead, bool secondPlainRead) => async rt =>
    {
        var obj = rt.NewLifetime("obj");
        var field = new Plain<int>(obj, "obj.count", 0);
        var a = rt.Spawn("cpu0", async () =>
        {
            await rt.Yield();
            field.Value = 1;
        });
        var b = rt.Spawn("cpu1", async () =>
        {
            await rt.Yield();
            _ = dataRaceRead ? field.DataRace() : field.Value;
            if (secondPlainRead) _ = field.Value;
        });
        await a.Join();
        await b.Join();
        await obj.Free();
    };

    [Fact]
    public void A_plain_field_written_and_read_unordered_races() =>
        Assert.Contains("data race on obj.count", FirstRace(PlainFieldRace(dataRaceRead: false, secondPlainRead: false)).Message);

    [Fact]
    public void A_data_race_read_of_the_same_field_is_silent() =>
        Assert.False(Exhaust(PlainFieldRace(dataRaceRead: true, secondPlainRead: false)).FoundBug);

    [Fact]
    public void Data_race_silences_only_its_own_access() =>
        Assert.Contains("data race on obj.count", FirstRace(PlainFieldRace(dataRaceRead: true, secondPlainRead: true)).Message);

    public enum FreedAccess
    {
        PlainWrite,
        PlainRead,
        WriteOnce,
    }

    /// <summary>cpu0 touches a location of an object, cpu1 frees the object; with <paramref name="joined"/> the free waits for cpu0.</summary>
    private static Func<IRuntime, Task> AccessThenFree(FreedAccess access, bool joined) => async rt =>
    {
        var obj = rt.NewLifetime("obj");
        var field = new Plain<int>(obj, "obj.count", 0);
        var cell = rt.NewCell("obj.flag", 0, obj);
        var a = rt.Spawn("cpu0", async () =>
        {
            switch (access)
            {
                case FreedAccess.PlainWrite: field.Value = 1; break;
                case FreedAccess.PlainRead: _ = field.Value; break;
                case FreedAccess.WriteOnce: await cell.WriteOnce(1); break;
            }

            await rt.Yield();
        });
        var b = rt.Spawn("cpu1", async () =>
        {
            if (joined) await a.Join();
            await obj.Free();
        });
        await a.Join();
        await b.Join();
    };

    [Theory]
    [InlineData(FreedAccess.PlainWrite, "obj.count")]
    [InlineData(FreedAccess.PlainRead, "obj.count")]
    [InlineData(FreedAccess.WriteOnce, "obj.flag")]
    public void A_kfree_unordered_with_another_threads_access_races(FreedAccess access, string location)
    {
        var bug = FirstRace(AccessThenFree(access, joined: false));

        Assert.Matches($@"data race on {location}: .* by cpu0 at step \d+ .* and kfree by cpu1 at step \d+", bug.Message);
    }

    [Theory]
    [InlineData(FreedAccess.PlainWrite)]
    [InlineData(FreedAccess.PlainRead)]
    [InlineData(FreedAccess.WriteOnce)]
    public void The_same_kfree_after_joining_the_accessor_is_silent(FreedAccess access) =>
        Assert.False(Exhaust(AccessThenFree(access, joined: true)).FoundBug);
}
