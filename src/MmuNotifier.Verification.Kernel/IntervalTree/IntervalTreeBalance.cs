// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.IntervalTree;

// Red-black rebalancing (CLRS, with null leaves). Rotations carry the augmentation along: the
// node that moves up takes over the old subtree's maximum, the one that moves down recomputes.
public sealed partial class IntervalTreeRoot<T>
{
    private static bool IsRed(IntervalTreeNode<T>? n) => n is not null && n.Red;

    private void InsertFixup(IntervalTreeNode<T> z)
    {
        while (IsRed(z.Parent))
        {
            var parent = z.Parent!;
            var grand = parent.Parent!;
            if (parent == grand.Left)
            {
                var uncle = grand.Right;
                if (IsRed(uncle))
                {
                    parent.Red = false;
                    uncle!.Red = false;
                    grand.Red = true;
                    z = grand;
                    continue;
                }

                if (z == parent.Right)
                {
                    z = parent;
                    RotateLeft(z);
                    parent = z.Parent!;
                }

                parent.Red = false;
                grand.Red = true;
                RotateRight(grand);
            }
            else
            {
                var uncle = grand.Left;
                if (IsRed(uncle))
                {
                    parent.Red = false;
                    uncle!.Red = false;
                    grand.Red = true;
                    z = grand;
                    continue;
                }

                if (z == parent.Left)
                {
                    z = parent;
                    RotateRight(z);
                    parent = z.Parent!;
                }

                parent.Red = false;
                grand.Red = true;
                RotateLeft(grand);
            }
        }

        _root!.Red = false;
    }

    // x carries an extra black; it may be null, so its parent is passed separately.
    private void DeleteFixup(IntervalTreeNode<T>? x, IntervalTreeNode<T>? parent)
    {
        while (x != _root && !IsRed(x))
        {
            if (x == parent!.Left)
            {
                var w = parent.Right!;
                if (w.Red)
                {
                    w.Red = false;
                    parent.Red = true;
                    RotateLeft(parent);
                    w = parent.Right!;
                }

                if (!IsRed(w.Left) && !IsRed(w.Right))
                {
                    w.Red = true;
                    x = parent;
                    parent = x.Parent;
                }
                else
                {
                    if (!IsRed(w.Right))
                    {
                        w.Left!.Red = false;
                        w.Red = true;
                        RotateRight(w);
                        w = parent.Right!;
                    }

                    w.Red = parent.Red;
                    parent.Red = false;
                    w.Right!.Red = false;
                    RotateLeft(parent);
                    x = _root;
                    parent = null;
                }
            }
            else
            {
                var w = parent.Left!;
                if (w.Red)
                {
                    w.Red = false;
                    parent.Red = true;
                    RotateRight(parent);
                    w = parent.Left!;
                }

                if (!IsRed(w.Left) && !IsRed(w.Right))
                {
                    w.Red = true;
                    x = parent;
                    parent = x.Parent;
                }
                else
                {
                    if (!IsRed(w.Left))
                    {
                        w.Right!.Red = false;
                        w.Red = true;
                        RotateLeft(w);
                        w = parent.Left!;
                    }

                    w.Red = parent.Red;
                    parent.Red = false;
                    w.Left!.Red = false;
                    RotateRight(parent);
                    x = _root;
                    parent = null;
                }
            }
        }

        if (x is not null) x.Red = false;
    }

    private void RotateLeft(IntervalTreeNode<T> x)
    {
        var y = x.Right!;
        x.Right = y.Left;
        if (y.Left is not null) y.Left.Parent = x;
        ReplaceChild(x, y);
        y.Left = x;
        x.Parent = y;
        y.SubtreeLast = x.SubtreeLast;
        x.SubtreeLast = ComputeSubtreeLast(x);
    }

    private void RotateRight(IntervalTreeNode<T> x)
    {
        var y = x.Left!;
        x.Left = y.Right;
        if (y.Right is not null) y.Right.Parent = x;
        ReplaceChild(x, y);
        y.Right = x;
        x.Parent = y;
        y.SubtreeLast = x.SubtreeLast;
        x.SubtreeLast = ComputeSubtreeLast(x);
    }

    // Puts `replacement` where `old` hangs (under old's parent or at the root).
    private void ReplaceChild(IntervalTreeNode<T> old, IntervalTreeNode<T>? replacement)
    {
        var parent = old.Parent;
        if (parent is null) _root = replacement;
        else if (old == parent.Left) parent.Left = replacement;
        else parent.Right = replacement;
        if (replacement is not null) replacement.Parent = parent;
    }

    private void Transplant(IntervalTreeNode<T> old, IntervalTreeNode<T>? replacement) => ReplaceChild(old, replacement);
}
