// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.IntervalTree;

// Structural self-check for tests: red-black rules, links, order, augmentation, cached leftmost.
public sealed partial class IntervalTreeRoot<T>
{
    /// <summary>Null when the tree is well formed, else what is wrong.</summary>
    public string? Validate()
    {
        if (_root is null) return Count == 0 && _leftmost is null ? null : "empty tree with a count or a leftmost";
        if (_root.Parent is not null) return "root has a parent";
        if (_root.Red) return "root is red";
        var count = 0;
        var error = Check(_root, out _, ref count);
        if (error is not null) return error;
        if (count != Count) return $"count {Count} but {count} nodes reachable";
        if (_leftmost != Minimum(_root)) return "cached leftmost is not the minimum";
        return null;
    }

    private static string? Check(IntervalTreeNode<T>? n, out int blackHeight, ref int count)
    {
        blackHeight = 1;
        if (n is null) return null;
        count++;
        if (!n.InTree) return $"{n} reachable but not marked in tree";
        if (n.Red && (IsRed(n.Left) || IsRed(n.Right))) return $"red node {n} has a red child";
        if (n.Left is not null && (n.Left.Parent != n || n.Left.Start > n.Start)) return $"bad left link or order under {n}";
        if (n.Right is not null && (n.Right.Parent != n || n.Right.Start < n.Start)) return $"bad right link or order under {n}";
        if (n.SubtreeLast != ComputeSubtreeLast(n)) return $"subtree_last of {n} is {n.SubtreeLast:x}";
        var error = Check(n.Left, out var left, ref count);
        if (error is not null) return error;
        error = Check(n.Right, out var right, ref count);
        if (error is not null) return error;
        if (left != right) return $"black heights differ under {n}";
        blackHeight = left + (n.Red ? 0 : 1);
        return null;
    }
}
