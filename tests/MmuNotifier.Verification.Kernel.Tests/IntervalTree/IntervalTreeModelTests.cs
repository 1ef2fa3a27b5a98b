// SPDX-License-Identifier: GPL-2.0-only
using FsCheck;
using FsCheck.Fluent;
using MmuNotifier.Verification.Kernel.IntervalTree;

namespace MmuNotifier.Verification.Kernel.Tests.IntervalTree;

/// <summary>The augmented red-black tree against a plain list, over random operation sequences.</summary>
public sealed class IntervalTreeModelTests
{
    public enum OpKind { Insert, Remove, Query }

    public sealed record Op(OpKind Kind, ulong A, ulong B, int Index)
    {
        public ulong Lo => Math.Min(A, B);
        public ulong Hi => Math.Max(A, B);
        public override string ToString() => Kind switch
        {
            OpKind.Insert => $"insert [{Lo:x},{Hi:x}]",
            OpKind.Remove => $"remove #{Index}",
            _ => $"query [{Lo:x},{Hi:x}]",
        };
    }

    private sealed class Item(int id)
    {
        public int Id { get; } = id;
        public override string ToString() => $"#{Id}";
    }

    // Addresses cluster near 0, near ulong.MaxValue and in a small middle window so that overlaps,
    // duplicates and the top of the address space all come up often.
    private static readonly Gen<ulong> Address = Gen.Frequency(
        (3, Gen.Choose(0, 64).Select(i => (ulong)i)),
        (3, Gen.Choose(0, 64).Select(i => ulong.MaxValue - (ulong)i)),
        (2, Gen.Choose(0, 1 << 20).Select(i => (1UL << 40) + (ulong)i)),
        (1, Gen.Choose(int.MinValue, int.MaxValue).Two().Select(t => ((ulong)(uint)t.Item1 << 32) | (uint)t.Item2)));

    private static readonly Gen<Op> OpGen =
        from kind in Gen.Frequency((4, Gen.Constant(OpKind.Insert)), (3, Gen.Constant(OpKind.Remove)), (4, Gen.Constant(OpKind.Query)))
        from a in Address
        from b in Address
        from index in Gen.Choose(0, 1000)
        select new Op(kind, a, b, index);

    private static readonly Arbitrary<Op[]> Ops = Gen.ArrayOf(OpGen).ToArbitrary();

    [Fact]
    public void Tree_agrees_with_a_list_on_random_sequences()
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(400)
            .WithEndSize(200)
            .WithReplay(new Replay(new Rnd(0x5eed_cafe_f00dUL, 0x9e37_79b9_7f4a_7c15UL), null));
        Check.One(config, Prop.ForAll(Ops, ops => Run(ops)));
    }

    [Fact]
    public void Tree_agrees_with_a_list_on_long_sequences()
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(40)
            .WithStartSize(500)
            .WithEndSize(2000)
            .WithReplay(new Replay(new Rnd(42UL, 0x9e37_79b9_7f4a_7c15UL), null));
        Check.One(config, Prop.ForAll(Ops, ops => Run(ops)));
    }

    private static bool Run(Op[] ops)
    {
        var violations = new List<string>();
        var tree = new IntervalTreeRoot<Item>("test", violations.Add);
        var naive = new List<IntervalTreeNode<Item>>();
        var nextId = 0;
        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case OpKind.Insert:
                {
                    var node = new IntervalTreeNode<Item>(new Item(nextId++)) { Start = op.Lo, Last = op.Hi };
                    node.ClearNode();
                    Assert.True(node.IsEmptyNode);
                    tree.Insert(node);
                    Assert.False(node.IsEmptyNode);
                    naive.Add(node);
                    break;
                }
                case OpKind.Remove when naive.Count > 0:
                {
                    var node = naive[op.Index % naive.Count];
                    tree.Remove(node);
                    naive.Remove(node);
                    Assert.False(node.InTree);
                    break;
                }
                case OpKind.Query:
                    CheckQuery(tree, naive, op.Lo, op.Hi);
                    break;
            }

            var error = tree.Validate();
            Assert.True(error is null, $"{error} after {op}");
        }

        CheckQuery(tree, naive, 0, ulong.MaxValue);
        CheckQuery(tree, naive, ulong.MaxValue, ulong.MaxValue);
        Assert.Equal(naive.Count, tree.Count);
        Assert.Empty(violations);
        Assert.Equal(0, tree.LiveIterations);
        return true;
    }

    // Stable OrderBy gives start order with ties in insertion order: exactly the tree's in-order.
    private static void CheckQuery(IntervalTreeRoot<Item> tree, List<IntervalTreeNode<Item>> naive, ulong start, ulong last)
    {
        var expected = naive.Where(n => n.Intersects(start, last)).OrderBy(n => n.Start).Select(n => n.Owner.Id).ToList();
        var actual = new List<int>();
        for (var n = tree.IterFirst(start, last); n is not null; n = IntervalTreeRoot<Item>.IterNext(n, start, last))
        {
            actual.Add(n.Owner.Id);
        }

        Assert.Equal(expected, actual);
        Assert.Equal(0, tree.LiveIterations);
    }
}
