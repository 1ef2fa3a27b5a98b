// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.HappensBefore;

namespace MmuNotifier.Verification.Engine.Tests.HappensBefore;

public sealed class VectorClockTests
{
    [Fact]
    public void JoinTakesThePointwiseMaximumAndOrdersTheClocks()
    {
        var a = new VectorClock(2);
        a.Tick(0);
        a.Tick(0);
        var b = new VectorClock(1);
        b.Tick(1);

        Assert.False(a.LessOrEqual(b));
        Assert.False(b.LessOrEqual(a));

        b.Join(a);
        Assert.Equal(2, b[0]);
        Assert.Equal(1, b[1]);
        Assert.True(a.LessOrEqual(b));
        Assert.True(b.HasSeen(0, 2));
        Assert.False(b.HasSeen(0, 3));
    }

    [Fact]
    public void CopiesAreIndependentAndEntriesBeyondTheLengthAreZero()
    {
        var a = new VectorClock(1);
        a.Set(3, 7);
        var copy = a.Copy();
        a.Tick(3);
        Assert.Equal(7, copy[3]);
        Assert.Equal(8, a[3]);
        Assert.Equal(0, a[9]);

        var target = new VectorClock(8);
        target.Set(6, 1);
        target.CopyFrom(copy);
        Assert.Equal(0, target[6]);
        Assert.Equal(7, target[3]);
    }
}
