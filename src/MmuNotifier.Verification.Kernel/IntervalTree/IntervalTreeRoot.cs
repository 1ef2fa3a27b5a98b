// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.IntervalTree;

/// <summary>
/// struct rb_root_cached holding interval_tree_nodes (lib/interval_tree.c): a red-black tree
/// ordered by start, each node augmented with the largest inclusive end in its subtree, and the
/// leftmost node cached. Equal starts go to the right, so in-order is start order with ties in
/// insertion order.
/// <para>
/// The tree is plain data: its callers protect it (a spinlock, or the odd invalidate_seq that
/// keeps writers out while iterations run unlocked). To make that protection checkable, the tree
/// counts live iterations — one starts when <see cref="IterFirst"/> finds a node and ends when
/// <see cref="IterNext"/> returns null or the caller calls <see cref="EndIteration"/> — and
/// reports any insert or remove made while one is live.
/// </para>
/// </summary>
public sealed partial class IntervalTreeRoot<T> where T : class
{
    /// <summary>The invariant name reported when the tree changes under a live iteration.</summary>
    public const string StabilityInvariant = "tree-stability";

    private readonly Action<string>? _onModifiedDuringIteration;
    private readonly DataCorruption _corruption;
    private IntervalTreeNode<T>? _root;
    private IntervalTreeNode<T>? _leftmost;
    private int _liveIterations;

    /// <param name="name">Used in reports, e.g. "subscriptions.itree".</param>
    /// <param name="onModifiedDuringIteration">Called with a message when the tree is changed while an iteration is live.</param>
    /// <param name="corruption">Where a double insert or a remove of an unlinked node is reported.</param>
    public IntervalTreeRoot(string name, Action<string>? onModifiedDuringIteration, DataCorruption? corruption = null)
    {
        Name = name;
        _onModifiedDuringIteration = onModifiedDuringIteration;
        _corruption = corruption ?? DataCorruption.Unreported;
    }

    /// <summary>
    /// A tree that reports changes under a live iteration as a "tree-stability" violation and its
    /// own corruption as a BUG.
    /// </summary>
    public static IntervalTreeRoot<T> ForRuntime(Engine.Abstractions.IRuntime rt, string name) =>
        new(name, message => rt.ReportViolation(StabilityInvariant, message), DataCorruption.ForRuntime(rt));

    internal DataCorruption Corruption => _corruption;

    public string Name { get; }

    public int Count { get; private set; }

    public bool IsEmpty => _root is null;

    public int LiveIterations => _liveIterations;

    /// <summary>interval_tree_insert; inserting a linked node is reported as corruption and not done.</summary>
    public void Insert(IntervalTreeNode<T> node)
    {
        if (_corruption.Check(node.InTree, $"rbtree corruption: interval_tree_insert into {Name} of {node}, which is already linked in {node.Tree!.Name} (double insert)"))
            return;
        CheckNoLiveIteration("insert", node);

        IntervalTreeNode<T>? parent = null;
        var link = _root;
        var leftmost = true;
        while (link is not null)
        {
            parent = link;
            // Every ancestor of the new leaf gains it in its subtree.
            if (link.SubtreeLast < node.Last) link.SubtreeLast = node.Last;
            if (node.Start < link.Start)
            {
                link = link.Left;
            }
            else
            {
                link = link.Right;
                leftmost = false;
            }
        }

        node.Parent = parent;
        node.Left = node.Right = null;
        node.Red = true;
        node.SubtreeLast = node.Last;
        if (parent is null) _root = node;
        else if (node.Start < parent.Start) parent.Left = node;
        else parent.Right = node;
        if (leftmost) _leftmost = node;
        node.MarkLinked(this);
        Count++;
        InsertFixup(node);
    }

    /// <summary>interval_tree_remove; removing a node not linked in this tree is reported as corruption and not done.</summary>
    public void Remove(IntervalTreeNode<T> node)
    {
        if (_corruption.Check(!node.InTree || node.Tree != this,
                $"rbtree corruption: interval_tree_remove from {Name} of {node}, which is not linked in it ({(node.InTree ? $"it is in {node.Tree!.Name}" : "removed twice or never inserted")})"))
            return;
        CheckNoLiveIteration("remove", node);

        if (_leftmost == node) _leftmost = Successor(node);

        var spliced = node;
        var splicedWasRed = spliced.Red;
        IntervalTreeNode<T>? child;
        IntervalTreeNode<T>? childParent;
        if (node.Left is null)
        {
            child = node.Right;
            childParent = node.Parent;
            Transplant(node, node.Right);
        }
        else if (node.Right is null)
        {
            child = node.Left;
            childParent = node.Parent;
            Transplant(node, node.Left);
        }
        else
        {
            spliced = Minimum(node.Right);
            splicedWasRed = spliced.Red;
            child = spliced.Right;
            if (spliced.Parent == node)
            {
                childParent = spliced;
            }
            else
            {
                childParent = spliced.Parent;
                Transplant(spliced, spliced.Right);
                spliced.Right = node.Right;
                spliced.Right.Parent = spliced;
            }

            Transplant(node, spliced);
            spliced.Left = node.Left;
            spliced.Left.Parent = spliced;
            spliced.Red = node.Red;
        }

        // Every node whose subtree lost a member lies on the path from childParent to the root
        // (the successor moved up onto that path), so recomputing along it restores the
        // augmentation before the rebalancing rotations, which preserve it.
        for (var n = childParent; n is not null; n = n.Parent) n.SubtreeLast = ComputeSubtreeLast(n);

        if (!splicedWasRed) DeleteFixup(child, childParent);

        node.Parent = node.Left = node.Right = null;
        node.InTree = false;
        Count--;
    }

    /// <summary>interval_tree_iter_first: the first node (in start order) intersecting [start, last].</summary>
    public IntervalTreeNode<T>? IterFirst(ulong start, ulong last)
    {
        var found = FindFirst(start, last);
        if (found is not null) _liveIterations++;
        return found;
    }

    /// <summary>interval_tree_iter_next: the node after <paramref name="node"/> intersecting [start, last].</summary>
    public static IntervalTreeNode<T>? IterNext(IntervalTreeNode<T> node, ulong start, ulong last)
    {
        var next = FindNext(node, start, last);
        if (next is null) node.Tree?.EndIteration();
        return next;
    }

    /// <summary>Ends an iteration that the caller abandons before <see cref="IterNext"/> returned null.</summary>
    public void EndIteration()
    {
        if (_corruption.Check(_liveIterations <= 0, $"interval tree {Name}: ending an iteration that is not live"))
            return;
        _liveIterations--;
    }

    /// <summary>All nodes in order, without counting as an iteration (tests, monitors, rendering).</summary>
    public IEnumerable<IntervalTreeNode<T>> InOrder()
    {
        for (var n = _root is null ? null : Minimum(_root); n is not null; n = Successor(n)) yield return n;
    }

    /// <summary>Intersecting nodes in order, without counting as an iteration.</summary>
    public List<IntervalTreeNode<T>> Query(ulong start, ulong last)
    {
        var result = new List<IntervalTreeNode<T>>();
        for (var n = FindFirst(start, last); n is not null; n = FindNext(n, start, last)) result.Add(n);
        return result;
    }

    private void CheckNoLiveIteration(string operation, IntervalTreeNode<T> node)
    {
        if (_liveIterations > 0)
        {
            _onModifiedDuringIteration?.Invoke(
                $"interval tree {Name}: {operation} of {node} while {_liveIterations} iteration(s) over it are live");
        }
    }

    private static ulong ComputeSubtreeLast(IntervalTreeNode<T> n)
    {
        var max = n.Last;
        if (n.Left is not null && n.Left.SubtreeLast > max) max = n.Left.SubtreeLast;
        if (n.Right is not null && n.Right.SubtreeLast > max) max = n.Right.SubtreeLast;
        return max;
    }

    private static IntervalTreeNode<T> Minimum(IntervalTreeNode<T> n)
    {
        while (n.Left is not null) n = n.Left;
        return n;
    }

    private static IntervalTreeNode<T>? Successor(IntervalTreeNode<T> n)
    {
        if (n.Right is not null) return Minimum(n.Right);
        var parent = n.Parent;
        while (parent is not null && n == parent.Right)
        {
            n = parent;
            parent = parent.Parent;
        }

        return parent;
    }
}
