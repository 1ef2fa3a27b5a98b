// SPDX-License-Identifier: GPL-2.0-only
using System.Reflection;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Tests.Primitives;

/// <summary>Each access kind names itself where it is declared; a new kind without a name is caught here.</summary>
public sealed class AccessKindTextTests
{
    [Fact]
    public void EveryAccessKindDeclaresItsOwnDistinctText()
    {
        var kinds = Enum.GetValues<AccessKind>();
        foreach (var kind in kinds)
            Assert.NotNull(typeof(AccessKind).GetField(kind.ToString())!.GetCustomAttribute<TextAttribute>());

        Assert.Equal(kinds.Length, kinds.Select(k => k.Render()).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void KindsRenderWithTheirKernelNames()
    {
        Assert.Equal("READ_ONCE", AccessKind.ReadOnce.Render());
        Assert.Equal("smp_load_acquire", AccessKind.LoadAcquire.Render());
        Assert.Equal("kfree", AccessKind.Free.Render());
    }
}
