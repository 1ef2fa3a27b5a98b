// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests.Real;

public sealed class RealLifetimeTests
{
    [Fact]
    public void Touching_a_cell_of_a_freed_object_is_a_use_after_free()
    {
        var result = RealRun.Run(async rt =>
        {
            var sub = rt.NewLifetime("subscription");
            var seq = rt.NewCell("invalidate_seq", 2L, sub);
            await seq.ReadOnce();
            await sub.Free();
            await seq.ReadOnce();
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.UseAfterFree);
        Assert.Contains("invalidate_seq", bug.Message);
        Assert.Contains("subscription", bug.Message);
    }

    [Fact]
    public void Check_alive_after_free_names_the_access()
    {
        var result = RealRun.Run(async rt =>
        {
            var sub = rt.NewLifetime("subscription");
            sub.CheckAlive("ops->invalidate");
            await sub.Free();
            Assert.True(sub.IsFreed);
            sub.CheckAlive("ops->invalidate");
        });

        var bug = RealRun.AssertSingleBug(result, BugKind.UseAfterFree);
        Assert.Contains("ops->invalidate", bug.Message);
    }

    [Fact]
    public void Freeing_twice_is_a_double_free()
    {
        var result = RealRun.Run(async rt =>
        {
            var sub = rt.NewLifetime("subscription");
            await sub.Free();
            await sub.Free();
        });

        RealRun.AssertSingleBug(result, BugKind.DoubleFree);
    }

    [Fact]
    public void Locks_and_atomics_of_a_freed_object_are_checked_too()
    {
        var result = RealRun.Run(async rt =>
        {
            var mm = rt.NewLifetime("mm");
            var users = rt.NewAtomic("mm_users", 1, mm);
            await users.DecAndTest();
            await mm.Free();
            await users.AddReturn(1);
        });

        RealRun.AssertSingleBug(result, BugKind.UseAfterFree);
    }
}
