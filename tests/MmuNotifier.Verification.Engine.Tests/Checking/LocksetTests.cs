// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Tests.Checking;

/// <summary>Locksets are nodes of a runtime's tree of lock stacks: found again, not made again, and printed innermost last.</summary>
public sealed class LocksetTests
{
    private static readonly LockClass Class = new(0, "test.cs:1", "class");

    private static List<HeldLock> Stack(params string[] names) =>
        names.Select((name, i) => new HeldLock(new object(), Class, name, Step: i, Read: false)).ToList();

    [Fact]
    public void The_same_stack_is_the_same_lockset_whatever_the_lock_objects_and_steps()
    {
        var root = Lockset.NewRoot();
        var first = Lockset.Of(root, Stack("mm.mmap_lock", "kvm.mmu_lock"));
        var again = Lockset.Of(root, Stack("mm.mmap_lock", "kvm.mmu_lock"));

        Assert.Same(first, again);
        Assert.Equal("mm.mmap_lock, kvm.mmu_lock", first.Text);
        Assert.False(first.IsEmpty);
    }

    [Fact]
    public void Another_nesting_is_another_lockset()
    {
        var root = Lockset.NewRoot();
        var outer = Lockset.Of(root, Stack("a"));
        var nested = Lockset.Of(root, Stack("a", "b"));
        var reversed = Lockset.Of(root, Stack("b", "a"));

        Assert.NotSame(nested, reversed);
        Assert.Equal("a", outer.Text);
        Assert.Equal("b, a", reversed.Text);
        Assert.Same(root, Lockset.Of(root, []));
        Assert.True(root.IsEmpty);
        Assert.Equal(LogicalThread.NoLocksText, root.Text);
    }

    [Fact]
    public void A_stack_with_ever_new_names_keeps_a_bounded_number_of_them()
    {
        var root = Lockset.NewRoot();
        var names = Enumerable.Range(0, 1000).Select(i => $"lock{i}").ToList();
        foreach (var name in names) Assert.Equal(name, Lockset.Of(root, Stack(name)).Text);

        // The first ones are kept and found again; the later ones are made anew, still right.
        Assert.Same(Lockset.Of(root, Stack("lock0")), Lockset.Of(root, Stack("lock0")));
        Assert.NotSame(Lockset.Of(root, Stack("lock999")), Lockset.Of(root, Stack("lock999")));
        Assert.Equal("lock999", Lockset.Of(root, Stack("lock999")).Text);
    }
}
