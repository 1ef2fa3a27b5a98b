// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Checking;

/// <summary>KASAN: accesses to freed memory, also those that are not scheduling points, name the free.</summary>
public sealed class KasanTests
{
    private static ExplorationReport Run(Func<IRuntime, Task> body, Detectors detectors = Detectors.All) =>
        Explorer.Explore(TestProgram.Sample("kasan", body), new ExplorationOptions { Strategy = "dfs", Iterations = 1000, Detectors = detectors });

    /// <summary>A lock-guarded plain field of an object, read after another thread freed the object (or, in the twin, did not).</summary>
    private static Func<IRuntime, Task> GuardedFieldAfter(bool free) => async rt =>
    {
        var obj = rt.NewLifetime("obj");
        var lockObj = rt.NewSpinLock("obj.lock", obj);
        var field = new Guarded<int>(lockObj, 1);
        await lockObj.Lock();
        field.Value = 2;
        await lockObj.Unlock();
        await rt.Spawn("cpu1", async () =>
        {
            if (free) await obj.Free();
            else await rt.Yield();
        }).Join();
        if (free)
        {
            _ = field.Value;  // no scheduling point (taking the freed lock would be one)
            return;
        }

        await lockObj.Lock();
        _ = field.Value;
        await lockObj.Unlock();
    };

    [Fact]
    public void A_guarded_field_of_freed_memory_is_a_use_after_free_naming_the_free()
    {
        var report = Run(GuardedFieldAfter(free: true));

        var bug = report.Bugs[0].Bug;
        Assert.Equal(BugKind.UseAfterFree, bug.Kind);
        Assert.Contains("freed by cpu1 at step", bug.Message);
    }

    [Fact]
    public void The_same_field_of_live_memory_is_silent()
    {
        Assert.False(Run(GuardedFieldAfter(free: false)).FoundBug);
    }

    [Fact]
    public void A_scheduling_point_on_freed_memory_names_the_free()
    {
        var report = Run(async rt =>
        {
            var obj = rt.NewLifetime("obj");
            var cell = rt.NewCell("obj.field", 0, obj);
            await obj.Free();
            await cell.ReadOnce();
        });

        Assert.Contains("freed by main at step 1", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void A_plain_field_read_after_another_thread_freed_it_names_the_free()
    {
        var report = Run(Samples.UafPlain.FreeWhileInUse);

        var bug = report.Bugs[0].Bug;
        Assert.Equal(BugKind.UseAfterFree, bug.Kind);
        Assert.Matches(@"cpu1: plain read of node\.value on node after it was freed \(freed by cpu0 at step \d+\)", bug.Message);
    }

    [Fact]
    public void The_plain_field_read_before_the_free_is_silent() => Assert.False(Run(Samples.UafPlain.FreeAfterReader).FoundBug);

    /// <summary>Without KASAN the read after the free is still KCSAN's: the kfree is a write the read is not ordered with.</summary>
    [Fact]
    public void The_kasan_switch_turns_the_plain_field_check_off()
    {
        var report = Run(Samples.UafPlain.FreeWhileInUse, Detectors.All & ~Detectors.Kasan);
        Assert.DoesNotContain(report.Bugs, b => b.Bug.Kind == BugKind.UseAfterFree);
        Assert.Contains(report.Bugs, b => b.Bug.Kind == BugKind.DataRace && b.Bug.Message.Contains("kfree by cpu0", StringComparison.Ordinal));
        Assert.False(Run(Samples.UafPlain.FreeWhileInUse, Detectors.All & ~Detectors.Kasan & ~Detectors.Kcsan).FoundBug);
    }

    /// <summary>A plain field written, then (in the firing case) freed, then touched; data_race() is still KASAN-checked.</summary>
    private static Func<IRuntime, Task> PlainFieldOf(bool free, bool write, bool dataRace) => async rt =>
    {
        var obj = rt.NewLifetime("obj");
        var field = new Plain<int>(obj, "obj.count", 0);
        field.Value = 1;
        if (free) await obj.Free();
        else await rt.Yield();
        if (write) field.Value = 2;
        else _ = dataRace ? field.DataRace() : field.Value;
        if (!free) await obj.Free();
    };

    [Theory]
    [InlineData(false, false, "plain read of obj.count")]
    [InlineData(true, false, "plain write of obj.count")]
    [InlineData(false, true, "data_race read of obj.count")]
    public void Every_access_to_a_freed_plain_field_is_a_use_after_free(bool write, bool dataRace, string what)
    {
        var bug = Run(PlainFieldOf(free: true, write, dataRace)).Bugs[0].Bug;

        Assert.Equal(BugKind.UseAfterFree, bug.Kind);
        Assert.Contains($"main: {what} on obj after it was freed (freed by main at step 1)", bug.Message);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void The_same_accesses_to_live_memory_are_silent(bool write, bool dataRace) =>
        Assert.False(Run(PlainFieldOf(free: false, write, dataRace)).FoundBug);
}
