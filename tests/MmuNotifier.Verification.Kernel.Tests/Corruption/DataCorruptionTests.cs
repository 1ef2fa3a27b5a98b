// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel.Hlist;
using MmuNotifier.Verification.Kernel.IntervalTree;
using static MmuNotifier.Verification.Kernel.Tests.Notifier.PortHarness;

namespace MmuNotifier.Verification.Kernel.Tests.Corruption;

/// <summary>
/// The hlist and the interval tree report their own misuse as CONFIG_DEBUG_LIST would: each
/// misuse is reported once and refused, leaving the structure as it was; correct use reports nothing.
/// </summary>
public sealed class DataCorruptionTests
{
    private static (HlistHead<string> Head, List<string> Reports) List()
    {
        var reports = new List<string>();
        return (new HlistHead<string>("deferred", corruption: DataCorruption.To(reports.Add)), reports);
    }

    private static (IntervalTreeRoot<string> Tree, List<string> Reports) Tree()
    {
        var reports = new List<string>();
        return (new IntervalTreeRoot<string>("itree", null, DataCorruption.To(reports.Add)), reports);
    }

    private static IntervalTreeNode<string> Node(string name, ulong start) => new(name) { Start = start, Last = start + 9 };

    /// <summary>The message of a check is formatted only when the structure is corrupt (the checks run on every operation).</summary>
    [Fact]
    public void A_check_formats_its_message_only_when_it_reports()
    {
        var reports = new List<string>();
        var corruption = DataCorruption.To(reports.Add);
        var formatted = 0;
        string Part() => $"part {++formatted}";

        Assert.False(corruption.Check(false, $"never {Part()}"));
        Assert.Equal(0, formatted);
        Assert.True(corruption.Check(true, $"reported {Part()} at {0x10:x}"));
        Assert.Equal(1, formatted);
        Assert.Equal("reported part 1 at 10", Assert.Single(reports));
    }

    [Fact]
    public void Hlist_double_add_is_reported_and_refused()
    {
        var (head, reports) = List();
        var a = new HlistNode<string>("a");
        var b = new HlistNode<string>("b");
        head.AddHead(a);
        head.AddHead(b);
        head.AddHead(a);
        Assert.Contains("list_add double add", Assert.Single(reports));
        Assert.Equal(["b", "a"], head.ForEachSafe().Select(n => n.Owner));
    }

    [Fact]
    public void Hlist_double_delete_is_list_del_corruption()
    {
        var (head, reports) = List();
        var a = new HlistNode<string>("a");
        head.AddHead(a);
        HlistHead<string>.Del(a);
        Assert.Empty(reports);
        HlistHead<string>.Del(a);
        var report = Assert.Single(reports);
        Assert.Contains("list_del corruption", report);
        Assert.Contains("LIST_POISON1", report);
        Assert.True(head.PeekIsEmpty);
    }

    [Fact]
    public void Hlist_correct_use_reports_nothing()
    {
        var (head, reports) = List();
        var nodes = new[] { "a", "b", "c" }.Select(n => new HlistNode<string>(n)).ToArray();
        foreach (var n in nodes) head.AddHead(n);
        foreach (var n in head.ForEachSafe()) HlistHead<string>.Del(n);
        head.AddHead(nodes[1]);
        HlistHead<string>.Del(nodes[1]);
        Assert.Empty(reports);
        Assert.True(head.PeekIsEmpty);
    }

    [Fact]
    public void Tree_double_insert_is_reported_and_refused()
    {
        var (tree, reports) = Tree();
        var a = Node("a", 0);
        tree.Insert(a);
        tree.Insert(Node("b", 20));
        tree.Insert(a);
        Assert.Contains("double insert", Assert.Single(reports));
        Assert.Equal(2, tree.Count);
        Assert.Null(tree.Validate());
    }

    [Fact]
    public void Tree_double_remove_and_foreign_remove_are_reported()
    {
        var (tree, reports) = Tree();
        var (other, _) = Tree();
        var a = Node("a", 0);
        var foreign = Node("f", 0);
        tree.Insert(a);
        tree.Insert(Node("b", 20));
        other.Insert(foreign);
        tree.Remove(a);
        Assert.Empty(reports);
        tree.Remove(a);
        tree.Remove(foreign);
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r => Assert.Contains("rbtree corruption: interval_tree_remove", r));
        Assert.Equal(1, tree.Count);
        Assert.Equal(1, other.Count);
        Assert.Null(tree.Validate());
    }

    [Fact]
    public void Tree_clear_of_a_linked_node_and_unmatched_end_iteration_are_reported()
    {
        var (tree, reports) = Tree();
        var a = Node("a", 0);
        tree.Insert(a);
        a.ClearNode();
        tree.EndIteration();
        Assert.Equal(2, reports.Count);
        Assert.Contains("RB_CLEAR_NODE", reports[0]);
        Assert.True(a.InTree);
        Assert.Equal(0, tree.LiveIterations);
    }

    [Fact]
    public void Tree_correct_use_reports_nothing()
    {
        var (tree, reports) = Tree();
        var nodes = Enumerable.Range(0, 8).Select(i => Node($"n{i}", (ulong)i * 5)).ToArray();
        foreach (var n in nodes) n.ClearNode();
        foreach (var n in nodes) tree.Insert(n);
        Assert.NotNull(tree.IterFirst(0, 100));
        tree.EndIteration();
        foreach (var n in nodes.Reverse()) tree.Remove(n);
        tree.Insert(nodes[3]);
        Assert.Empty(reports);
        Assert.Null(tree.Validate());
    }

    // Under the controlled runtime the report is a BUG of the run, with the kernel's wording.
    [Fact]
    public void Under_the_runtime_a_double_delete_is_a_BUG()
    {
        var report = Explore("hlist-double-del", rt =>
        {
            var head = new HlistHead<string>("deferred", corruption: DataCorruption.ForRuntime(rt));
            var a = new HlistNode<string>("a");
            head.AddHead(a);
            HlistHead<string>.Del(a);
            HlistHead<string>.Del(a);
            return Task.CompletedTask;
        });
        Assert.True(report.FoundBug);
        Assert.Equal(BugKind.BugOn, report.Bugs[0].Bug.Kind);
        Assert.Contains("list_del corruption", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void Under_the_runtime_a_tree_double_insert_is_a_BUG_and_correct_use_is_clean()
    {
        static Func<IRuntime, Task> Body(bool twice) => rt =>
        {
            var tree = IntervalTreeRoot<string>.ForRuntime(rt, "itree");
            var a = Node("a", 0);
            tree.Insert(a);
            if (twice) tree.Insert(a);
            tree.Remove(a);
            return Task.CompletedTask;
        };

        var broken = Explore("itree-double-insert", Body(twice: true));
        Assert.Equal(BugKind.BugOn, broken.Bugs[0].Bug.Kind);
        Assert.Contains("rbtree corruption", broken.Bugs[0].Bug.Message);
        AssertClean(Explore("itree-once", Body(twice: false)));
    }
}
