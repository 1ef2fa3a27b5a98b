// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.IntervalTree;

namespace MmuNotifier.Verification.Kernel.Tests.IntervalTree;

/// <summary>The tree notices being changed while someone iterates over it.</summary>
public sealed class IntervalTreeStabilityTests
{
    private static (IntervalTreeRoot<string> Tree, List<string> Violations, IntervalTreeNode<string>[] Nodes) Build()
    {
        var violations = new List<string>();
        var tree = new IntervalTreeRoot<string>("itree", violations.Add);
        var nodes = new[] { (0UL, 9UL), (5UL, 20UL), (30UL, 40UL) }
            .Select((r, i) => new IntervalTreeNode<string>($"n{i}") { Start = r.Item1, Last = r.Item2 })
            .ToArray();
        foreach (var n in nodes) tree.Insert(n);
        return (tree, violations, nodes);
    }

    [Fact]
    public void Insert_during_iteration_is_reported()
    {
        var (tree, violations, _) = Build();
        var first = tree.IterFirst(0, 100);
        Assert.NotNull(first);
        tree.Insert(new IntervalTreeNode<string>("late") { Start = 50, Last = 60 });
        var violation = Assert.Single(violations);
        Assert.Contains("insert", violation);
        Assert.Contains("itree", violation);
    }

    [Fact]
    public void Remove_during_iteration_is_reported()
    {
        var (tree, violations, nodes) = Build();
        var first = tree.IterFirst(0, 100);
        _ = IntervalTreeRoot<string>.IterNext(first!, 0, 100);
        tree.Remove(nodes[2]);
        Assert.Contains("remove", Assert.Single(violations));
    }

    [Fact]
    public void Completed_iteration_allows_changes()
    {
        var (tree, violations, nodes) = Build();
        var seen = 0;
        for (var n = tree.IterFirst(0, 100); n is not null; n = IntervalTreeRoot<string>.IterNext(n, 0, 100)) seen++;
        Assert.Equal(3, seen);
        tree.Remove(nodes[0]);
        Assert.Empty(violations);
    }

    [Fact]
    public void Explicitly_ended_iteration_allows_changes()
    {
        var (tree, violations, nodes) = Build();
        Assert.NotNull(tree.IterFirst(0, 100));
        tree.EndIteration();
        tree.Remove(nodes[1]);
        Assert.Empty(violations);
    }

    [Fact]
    public void Empty_query_starts_no_iteration()
    {
        var (tree, violations, nodes) = Build();
        Assert.Null(tree.IterFirst(41, 1000));
        Assert.Equal(0, tree.LiveIterations);
        tree.Remove(nodes[0]);
        Assert.Empty(violations);
    }

    [Fact]
    public void Two_live_iterations_are_both_counted()
    {
        var (tree, violations, nodes) = Build();
        var a = tree.IterFirst(0, 100);
        _ = tree.IterFirst(30, 35);
        Assert.Equal(2, tree.LiveIterations);
        while (a is not null) a = IntervalTreeRoot<string>.IterNext(a, 0, 100);
        Assert.Equal(1, tree.LiveIterations);
        tree.Remove(nodes[0]);
        Assert.Single(violations);
    }

    [Fact]
    public void Removed_node_keeps_stale_links_like_rb_erase()
    {
        var (tree, _, _) = Build();
        var node = new IntervalTreeNode<string>("x") { Start = 1, Last = 2 };
        node.ClearNode();
        tree.Insert(node);
        tree.Remove(node);
        Assert.False(node.IsEmptyNode);
        Assert.False(node.InTree);
    }

    [Fact]
    public void Double_insert_and_foreign_remove_throw_when_no_runtime_hears_them()
    {
        var (tree, _, nodes) = Build();
        Assert.Throws<InvalidOperationException>(() => tree.Insert(nodes[0]));
        var other = new IntervalTreeNode<string>("other") { Start = 0, Last = 1 };
        Assert.Throws<InvalidOperationException>(() => tree.Remove(other));
    }

    [Fact]
    public void Range_reaching_the_top_of_the_address_space()
    {
        var (tree, _, _) = Build();
        var top = new IntervalTreeNode<string>("top") { Start = ulong.MaxValue - 4095, Last = ulong.MaxValue };
        tree.Insert(top);
        Assert.Same(top, tree.Query(ulong.MaxValue, ulong.MaxValue).Single());
        Assert.Equal(4, tree.Query(0, ulong.MaxValue).Count);
        Assert.Null(tree.Validate());
    }
}
