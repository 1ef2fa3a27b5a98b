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
}
