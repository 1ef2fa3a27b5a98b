// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.IntervalTree;

// The queries of include/linux/interval_tree_generic.h, pruning with the augmented subtree_last.
public sealed partial class IntervalTreeRoot<T>
{
    private IntervalTreeNode<T>? FindFirst(ulong start, ulong last)
    {
        if (_root is null || _root.SubtreeLast < start) return null;
        // Every node starts at or after the leftmost one: if that is past `last`, nothing can hit.
        if (_leftmost is not null && _leftmost.Start > last) return null;
        return SubtreeSearch(_root, start, last);
    }

    // The in-order first node of the subtree that intersects [start, last]. Going left whenever
    // the left subtree reaches `start` finds the first node ending at or after `start`; if that
    // one begins after `last`, so does everything after it.
    private static IntervalTreeNode<T>? SubtreeSearch(IntervalTreeNode<T> node, ulong start, ulong last)
    {
        while (true)
        {
            if (node.Left is not null && start <= node.Left.SubtreeLast)
            {
                node = node.Left;
                continue;
            }

            if (node.Start <= last)
            {
                if (start <= node.Last) return node;
                if (node.Right is not null && start <= node.Right.SubtreeLast)
                {
                    node = node.Right;
                    continue;
                }
            }

            return null;
        }
    }

    private static IntervalTreeNode<T>? FindNext(IntervalTreeNode<T> node, ulong start, ulong last)
    {
        var right = node.Right;
        while (true)
        {
            if (right is not null && start <= right.SubtreeLast) return SubtreeSearch(right, start, last);

            // Climb until we arrive from a left child: that parent is the next node in order.
            IntervalTreeNode<T>? previous;
            do
            {
                var parent = node.Parent;
                if (parent is null) return null;
                previous = node;
                node = parent;
                right = node.Right;
            }
            while (previous == right);

            if (last < node.Start) return null;
            if (start <= node.Last) return node;
        }
    }
}
