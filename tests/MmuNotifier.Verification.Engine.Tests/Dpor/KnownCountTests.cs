// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Dpor;

/// <summary>On programs whose trace count is known, optimal DPOR explores exactly that many executions.</summary>
public sealed class KnownCountTests
{
    public static TheoryData<string> Known => new(SampleCatalog.KnownCounts.Keys);

    [Theory]
    [MemberData(nameof(Known))]
    public void DporExploresExactlyTheKnownNumberOfTraces(string name)
    {
        var report = Explore.Body(SampleCatalog.Find(name)!.Body, strategy: "dpor", iterations: 100_000);

        Assert.True(report.Exhausted);
        Assert.Empty(report.Bugs);
        Assert.Equal(SampleCatalog.KnownCounts[name], report.Iterations);
    }
}
