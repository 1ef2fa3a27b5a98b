// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel.Hlist;
using static MmuNotifier.Verification.Kernel.Tests.Notifier.PortHarness;

namespace MmuNotifier.Verification.Kernel.Tests.Corruption;

/// <summary>
/// CONFIG_PROVE_RCU_LIST on the port's list walks: a walk whose lockdep condition is false when it
/// starts is suspicious RCU usage, even on a schedule where nothing frees a node under it; the
/// twin walks the same list inside srcu_read_lock.
/// </summary>
public sealed class RcuListWalkTests
{
    private static Func<IRuntime, Task> WalkOneNode(bool insideSrcu) => async rt =>
    {
        var srcu = rt.NewSrcu("srcu");
        var head = new RcuHlistHead<string>(rt, "list", null);
        var node = new RcuHlistNode<string>(rt, "a", "a", null);
        await RculistOps.HlistAddHeadRcu(node, head);

        var id = insideSrcu ? await srcu.ReadLock() : 0;
        for (var n = await RculistOps.FirstRcu(head, rt, srcu.IsReadLockHeld, "srcu_read_lock_held(&srcu)"); n is not null;
             n = await RculistOps.NextRcu(n))
        {
            _ = n.Owner;
        }

        if (insideSrcu) await srcu.ReadUnlock(id);
    };

    [Fact]
    public void A_list_walk_outside_its_srcu_read_section_is_suspicious_rcu_usage()
    {
        var report = Explore("rcu-walk-unprotected", WalkOneNode(insideSrcu: false));
        Assert.True(report.FoundBug, "expected suspicious RCU usage");
        var bug = report.Bugs[0].Bug;
        Assert.Equal(BugKind.Assertion, bug.Kind);
        Assert.Contains("RCU-list list.first traversed in non-reader section", bug.Message);
        Assert.Contains("srcu_read_lock_held(&srcu) is false", bug.Message);
    }

    [Fact]
    public void The_same_walk_inside_srcu_read_lock_is_silent()
    {
        AssertClean(Explore("rcu-walk-protected", WalkOneNode(insideSrcu: true)));
    }
}
