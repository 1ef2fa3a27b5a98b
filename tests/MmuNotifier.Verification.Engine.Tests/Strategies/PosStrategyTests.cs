// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Tests.Strategies;

/// <summary>Partial order sampling finds races and reads dependence off the pending accesses.</summary>
public sealed class PosStrategyTests
{
    [Theory]
    [InlineData(AccessKind.Write, AccessKind.Read, 1, 1, true)]
    [InlineData(AccessKind.Read, AccessKind.ReadOnce, 1, 1, false)]
    [InlineData(AccessKind.Write, AccessKind.Write, 1, 2, false)]
    [InlineData(AccessKind.Yield, AccessKind.Yield, -1, -1, false)]
    public void DependenceIsOneObjectAndAWrite(AccessKind a, AccessKind b, int targetA, int targetB, bool dependent) =>
        Assert.Equal(dependent, PosStrategy.Dependent(new PendingAccess(a, "a", targetA), new PendingAccess(b, "b", targetB)));

    [Fact]
    public void AWriteRacesWithAWaitConditionThatReadsIt()
    {
        var wait = new PendingAccess(AccessKind.Wait, "wq", 5, [new ObjectRef("flag", 3)]);
        Assert.True(PosStrategy.Dependent(new PendingAccess(AccessKind.Write, "flag", 3), wait));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void FindsALostUpdate(ulong seed)
    {
        var report = Explore.Body(rt =>
        {
            var x = rt.NewCell("x", 0);
            var done = rt.NewAtomic("done", 0);
            for (var t = 0; t < 2; t++)
            {
                rt.Spawn($"cpu{t}", async () =>
                {
                    var seen = await x.ReadOnce();
                    await x.WriteOnce(seen + 1);
                    if (await done.AddReturn(1) == 2) rt.Assert(x.Peek() == 2, "lost update");
                });
            }

            return Task.CompletedTask;
        }, "pos", iterations: 200, seed: seed);

        Assert.True(report.FoundBug);
    }
}
