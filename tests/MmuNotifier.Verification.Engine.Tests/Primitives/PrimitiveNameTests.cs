// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Real;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Tests.Primitives;

/// <summary>
/// A primitive's name given as an interpolated string reads exactly as the string would, and the
/// controlled runtime hands out one string per text: the second schedule that builds the same
/// world names it with the strings the first one made.
/// </summary>
public sealed class PrimitiveNameTests
{
    private static string Render(IRuntime rt, PrimitiveName name) => rt.Intern(name);

    [Fact]
    public void An_interpolated_name_reads_as_the_string_would()
    {
        var rt = new ControlledRuntime();
        var mm = "mm";
        var page = 7;
        var address = 0xdead_b000UL;
        var negative = -3;
        Assert.Equal($"{mm}.mmap_lock", Render(rt, $"{mm}.mmap_lock"));
        Assert.Equal($"pte[{page}]", Render(rt, $"pte[{page}]"));
        Assert.Equal($"va {address:x} at {negative}", Render(rt, $"va {address:x} at {negative}"));
        Assert.Equal($"{AccessKind.Write}/{true}/{(object?)null}.", Render(rt, $"{AccessKind.Write}/{true}/{(object?)null}."));
        Assert.Equal("plain", Render(rt, "plain"));
        Assert.Equal("", Render(rt, default));
    }

    [Fact]
    public void A_name_longer_than_the_inline_text_is_kept_whole()
    {
        var rt = new ControlledRuntime();
        var part = new string('a', PrimitiveName.InlineLength - 3);
        var number = 123456;
        var expected = $"{part}.{number}.tail-{part}";
        Assert.Equal(expected, Render(rt, $"{part}.{number}.tail-{part}"));
        Assert.Equal(expected, Render(new RealRuntime(), $"{part}.{number}.tail-{part}"));
    }

    [Fact]
    public void The_same_text_is_the_same_string_in_every_schedule()
    {
        var rt = new ControlledRuntime();
        var names = new List<string>();
        Task World(IRuntime r)
        {
            var user = "kvm";
            names.Add(((ControlledPrimitive)r.NewSpinLock($"{user}.mmu_lock")).Name);
            names.Add(((ControlledPrimitive)r.NewCell($"{user}.seq", 0UL)).Name);
            return Task.CompletedTask;
        }

        rt.Run(World, new RandomStrategy(1), maxSteps: 100);
        rt.Run(World, new RandomStrategy(2), maxSteps: 100);
        Assert.Equal(["kvm.mmu_lock", "kvm.seq", "kvm.mmu_lock", "kvm.seq"], names);
        Assert.Same(names[0], names[2]);
        Assert.Same(names[1], names[3]);
    }

    [Fact]
    public void A_guarded_field_is_named_by_its_site_and_lock_and_found_again_by_them()
    {
        var rt = new ControlledRuntime();
        var file = "/src/models/Driver.cs";
        var same = rt.GuardedFieldName(file, 12, "kvm.mmu_lock");
        Assert.Equal("field at Driver.cs:12 guarded by kvm.mmu_lock", same);
        Assert.Same(same, rt.GuardedFieldName(file, 12, "kvm.mmu_lock"));
        // Another line or another lock at the same site is another field.
        Assert.Equal("field at Driver.cs:13 guarded by kvm.mmu_lock", rt.GuardedFieldName(file, 13, "kvm.mmu_lock"));
        Assert.Equal("field at Driver.cs:12 guarded by mirror.lock", rt.GuardedFieldName(file, 12, "mirror.lock"));
        // The same text reached through other strings (not the literal, not the interned lock name) reads the same.
        Assert.Equal(same, rt.GuardedFieldName(new string(file), 12, new string("kvm.mmu_lock")));
    }

    [Fact]
    public void Past_its_bound_the_runtime_makes_names_without_keeping_them()
    {
        var rt = new ControlledRuntime();
        for (var i = 0; i < ControlledRuntime.MaxKeptNames + 10; i++) Assert.Equal($"n{i}", Render(rt, $"n{i}"));
        Assert.Equal(ControlledRuntime.MaxKeptNames, rt.KeptNames);
        var late = ControlledRuntime.MaxKeptNames + 5;
        Assert.NotSame(Render(rt, $"n{late}"), Render(rt, $"n{late}"));
        Assert.Same(Render(rt, $"n{1}"), Render(rt, $"n{1}"));
    }

    [Fact]
    public void The_real_runtime_names_by_the_same_text()
    {
        var rt = new RealRuntime();
        var id = 3;
        Assert.Equal("sub[3].users", Render(rt, $"sub[{id}].users"));
        Assert.Equal("sub[3].users", ((RealCell<uint>)rt.NewCell<uint>($"sub[{id}].users", 0)).Name);
    }
}
