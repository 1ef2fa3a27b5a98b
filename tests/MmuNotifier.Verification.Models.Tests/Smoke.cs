// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Models.Scenarios;
using Xunit.Abstractions;

namespace MmuNotifier.Verification.Models.Tests;

public sealed class Smoke(ITestOutputHelper output)
{
    [Fact]
    public void FaultVsUnmap()
    {
        var s = new Scenario
        {
            Name = "fva",
            Pages = 2,
            Subscriptions = [new SubscriptionSpec("m", UserKind.HmmMirror, 0, 2, true)],
            Threads = [new ThreadSpec("cpu0", [new OpSpec(OpKind.Fault, "m", 0)]), new ThreadSpec("cpu1", [new OpSpec(OpKind.Unmap, null, 0, 1)])],
        };
        var report = Explorer.Explore(ScenarioProgram.Build(s), new ExplorationOptions { Iterations = 100000, Seed = 1 });
        output.WriteLine($"{report.Iterations} its, {report.IterationsPerSecond:F0}/s, {report.StepsPerSecond:F0} steps/s, distinct {report.DistinctSchedules}, steps/it {report.TotalSteps / report.Iterations}");
        if (report.FoundBug) output.WriteLine(InterleavingRenderer.Render(report.Bugs[0].Steps, report.Bugs[0].Bug));
        Assert.False(report.FoundBug);
    }
}

public sealed class SmokeBench(ITestOutputHelper output)
{
    [Fact]
    public void EngineBench()
    {
        var p = MmuNotifier.Verification.Engine.Samples.SampleCatalog.BenchBody.ToProgram();
        var report = Explorer.Explore(p, new ExplorationOptions { Iterations = 20000, Seed = 1 });
        output.WriteLine($"{report.Iterations} its, {report.IterationsPerSecond:F0}/s, {report.StepsPerSecond:F0} steps/s");
    }
}
