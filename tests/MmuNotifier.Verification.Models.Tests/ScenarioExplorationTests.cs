// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Tests;

/// <summary>Every scenario in models/, explored with fixed seeds and budgets, finds exactly what it expects.</summary>
public sealed class ScenarioExplorationTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in Models.Catalog.All)
        {
            data.Add(scenario.Name, "random");
            data.Add(scenario.Name, "pct");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FaithfulModelsFindOnlyTheExpected(string name, string strategy)
    {
        var scenario = Models.Get(name);
        var report = Models.Explore(scenario, strategy, iterations: 1000, determinism: true);
        if (scenario.Expect is { } expect)
        {
            Assert.True(report.FoundBug, $"{name}: expected {expect.Kind}, found nothing");
            Assert.Equal(expect.Kind, report.Bugs[0].Bug.Kind.ToString());
            if (expect.Invariant is not null) Assert.Equal(expect.Invariant, report.Bugs[0].Bug.Invariant);
        }
        else
        {
            Assert.False(report.FoundBug, Models.Describe(report));
        }

        Assert.Empty(report.StepBoundHits);
    }
}
