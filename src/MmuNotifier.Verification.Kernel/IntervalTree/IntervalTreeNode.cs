// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.IntervalTree;

/// <summary>
/// struct interval_tree_node embedded in <typeparamref name="T"/> (the container_of target):
/// the closed interval [<see cref="Start"/>, <see cref="Last"/>] plus the red-black links and the
/// augmented maximum of <c>Last</c> over the node's subtree.
/// </summary>
public sealed class IntervalTreeNode<T>(T owner) where T : class
{
    internal IntervalTreeNode<T>? Parent;
    internal IntervalTreeNode<T>? Left;
    internal IntervalTreeNode<T>? Right;
    internal bool Red;
    internal ulong SubtreeLast;

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
    public bool IsEmptyNode => _clearedMark;

    /// <summary>RB_CLEAR_NODE; clearing a node still linked would cut it out of its tree, so it is reported as corruption and not done.</summary>
    public void ClearNode()
    {
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
}
