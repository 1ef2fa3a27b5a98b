// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel.Hlist;
using MmuNotifier.Verification.Kernel.IntervalTree;
using MmuNotifier.Verification.Kernel.Notifier;
using static MmuNotifier.Verification.Kernel.Tests.Notifier.PortHarness;

namespace MmuNotifier.Verification.Kernel.Tests.Corruption;

/// <summary>
/// KASAN on the nodes a subscription embeds: freeing the owner poisons its interval-tree node, its
/// deferred-list node and its ops and mm pointers, so a tree insert or walk, a list walk or an
/// ops read that reaches them afterwards is a use-after-free naming the free, although none of
/// these accesses is a scheduling point. Each twin does the same with the node unlinked first.
/// </summary>
public sealed class FreedNodeKasanTests
{
    private static void AssertUseAfterFree(Engine.Testing.ExplorationReport report, string access)
    {
        Assert.True(report.FoundBug, "expected a use-after-free");
        var bug = report.Bugs[0].Bug;
        Assert.Equal(BugKind.UseAfterFree, bug.Kind);
        Assert.Contains(access, bug.Message);
        Assert.Contains("after it was freed (freed by main at step", bug.Message);
    }

    /// <summary>Frees b's owner while b is still linked (or, in the twin, after removing it), then inserts c, which walks the tree.</summary>
    private static Func<IRuntime, Task> TreeInsertAfterFree(bool removeFirst) => async rt =>
    {
        var tree = IntervalTreeRoot<string>.ForRuntime(rt, "itree");
        var owner = rt.NewLifetime("b.struct");
        var a = new IntervalTreeNode<string>("a") { Start = 0, Last = 9 };
        var b = new IntervalTreeNode<string>("b", owner) { Start = 20, Last = 29 };
        tree.Insert(a);
        tree.Insert(b);
        if (removeFirst) tree.Remove(b);
        await owner.Free();
        tree.Insert(new IntervalTreeNode<string>("c") { Start = 40, Last = 49 });
        _ = tree.Query(0, 100);
    };

    [Fact]
    public void A_tree_insert_that_walks_a_freed_node_is_a_use_after_free()
    {
        AssertUseAfterFree(Explore("itree-walks-freed", TreeInsertAfterFree(removeFirst: false)), "of [14, 1d] b");
    }

    [Fact]
    public void The_same_insert_after_the_node_was_removed_is_silent()
    {
        AssertClean(Explore("itree-removed-then-freed", TreeInsertAfterFree(removeFirst: true)));
    }

    /// <summary>A deferred-list node whose owner is freed while it is on the list (or after its delete), then the list is walked.</summary>
    private static Func<IRuntime, Task> HlistWalkAfterFree(bool deleteFirst) => async rt =>
    {
        var head = new HlistHead<string>("deferred", corruption: DataCorruption.ForRuntime(rt));
        var owner = rt.NewLifetime("a.struct");
        var a = new HlistNode<string>("a", owner);
        head.AddHead(new HlistNode<string>("b"));
        head.AddHead(a);
        if (deleteFirst) HlistHead<string>.Del(a);
        await owner.Free();
        foreach (var node in head.ForEachSafe()) _ = node.Owner;
    };

    [Fact]
    public void A_list_walk_that_reaches_a_freed_node_is_a_use_after_free()
    {
        AssertUseAfterFree(Explore("hlist-walks-freed", HlistWalkAfterFree(deleteFirst: false)), "hlist next read of hnode(a)");
    }

    [Fact]
    public void The_same_walk_after_the_delete_is_silent()
    {
        AssertClean(Explore("hlist-deleted-then-freed", HlistWalkAfterFree(deleteFirst: true)));
    }

    /// <summary>ops read through a subscription after (or, in the twin, before) its struct is freed.</summary>
    private static Func<IRuntime, Task> OpsRead(bool afterFree) => async rt =>
    {
        var owner = rt.NewLifetime("drv.notifier");
        var sub = new MmuNotifierSubscription(rt, "drv", new MmuNotifierOps { Name = "drv.ops" }, owner);
        var interval = new MmuIntervalNotifier(rt, "mirror", owner);
        if (!afterFree) _ = (sub.Ops, interval.Mm);
        await owner.Free();
        if (afterFree) _ = sub.Ops;
    };

    [Fact]
    public void An_ops_read_through_a_freed_subscription_is_a_use_after_free()
    {
        AssertUseAfterFree(Explore("ops-after-free", OpsRead(afterFree: true)), "ops read of drv");
    }

    [Fact]
    public void The_ops_read_before_the_free_is_silent()
    {
        AssertClean(Explore("ops-before-free", OpsRead(afterFree: false)));
    }
}
