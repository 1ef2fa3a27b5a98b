// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Kernel.IntervalTree;

/// <summary>
/// struct interval_tree_node embedded in <typeparamref name="T"/> (the container_of target):
/// the closed interval [<see cref="Start"/>, <see cref="Last"/>] plus the red-black links and the
/// augmented maximum of <c>Last</c> over the node's subtree.
/// <para>
/// The node is memory of its owner's allocation (<paramref name="lifetime"/>): every read or
/// write of its links, colour and augmented maximum goes through <see cref="Kasan"/>, so an
/// insert, erase or walk that reaches a node after its owner was freed is a use-after-free
/// naming the free, although none of these accesses is a scheduling point.
/// </para>
/// </summary>
public sealed class IntervalTreeNode<T>(T owner, ILifetime? lifetime = null) where T : class
{
    private IntervalTreeNode<T>? _parent;
    private IntervalTreeNode<T>? _left;
    private IntervalTreeNode<T>? _right;
    private bool _red;
    private ulong _subtreeLast;

    /// <summary>The owner's allocation, or null for a node no allocation owns (tests of the tree alone).</summary>
    public ILifetime? Lifetime { get; } = lifetime;

    internal IntervalTreeNode<T>? Parent { get { Touch("rb_parent read"); return _parent; } set { Touch("rb_parent write"); _parent = value; } }

    internal IntervalTreeNode<T>? Left { get { Touch("rb_left read"); return _left; } set { Touch("rb_left write"); _left = value; } }

    internal IntervalTreeNode<T>? Right { get { Touch("rb_right read"); return _right; } set { Touch("rb_right write"); _right = value; } }

    internal bool Red { get { Touch("rb colour read"); return _red; } set { Touch("rb colour write"); _red = value; } }

    internal ulong SubtreeLast { get { Touch("__subtree_last read"); return _subtreeLast; } set { Touch("__subtree_last write"); _subtreeLast = value; } }

    // RB_CLEAR_NODE makes the node point at itself; we keep that as a flag. It is set only by
    // ClearNode and dropped by insertion; removal leaves stale links, exactly like rb_erase.
    private bool _clearedMark;

    /// <summary>The tree the node was last inserted into (iter_next needs it to track the iteration).</summary>
    internal IntervalTreeRoot<T>? Tree;

    /// <summary>True between insertion and removal: used to catch double inserts and removals.</summary>
    public bool InTree { get; internal set; }

    public T Owner { get; } = owner;

    // Public fields rather than properties so that check_add_overflow can write `last` through an
    // out argument, as the C does.
    public ulong Start;

    /// <summary>Inclusive end of the interval.</summary>
    public ulong Last;

    /// <summary>RB_EMPTY_NODE: the node was cleared and has not been inserted since.</summary>
    public bool IsEmptyNode
    {
        get
        {
            Touch("RB_EMPTY_NODE read");
            return _clearedMark;
        }
    }

    /// <summary>RB_CLEAR_NODE; clearing a node still linked would cut it out of its tree, so it is reported as corruption and not done.</summary>
    public void ClearNode()
    {
        Touch("RB_CLEAR_NODE write");
        if (InTree && Tree!.Corruption.Check(true, $"rbtree corruption: RB_CLEAR_NODE on [{Start:x}, {Last:x}] while it is linked in {Tree.Name}"))
            return;
        _clearedMark = true;
    }

    internal void MarkLinked(IntervalTreeRoot<T> tree)
    {
        _clearedMark = false;
        InTree = true;
        Tree = tree;
    }

    public bool Intersects(ulong start, ulong last) => Start <= last && start <= Last;

    public override string ToString() => $"[{Start:x}, {Last:x}] {Owner}";

    private void Touch(string access)
    {
        if (Lifetime is not null) Kasan.Access(Lifetime, access, this);
    }
}
