// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Coyote.Tests;

/// <summary>
/// The `backend` parameter of Coyote.runsettings: the same settings file drives our engine or
/// Coyote's, and both find the same defect and stay clean on the faithful port.
/// </summary>
public sealed class BackendsTests : IDisposable
{
    private static readonly ScenarioCatalog Catalog = ScenarioCatalog.Load(ScenarioCatalog.FindModelsDirectory()!);
    private readonly string _root = Directory.CreateTempSubdirectory("backend-tests").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ExplorationOptions Settings(string backend, string strategy, int iterations)
    {
        File.WriteAllText(Path.Combine(_root, RunSettings.FileName),
            $"""
            <?xml version="1.0"?>
            <RunSettings>
              <TestRunParameters>
                <Parameter name="backend" value="{backend}" />
                <Parameter name="strategy" value="{strategy}" />
                <Parameter name="iterations" value="{iterations}" />
                <Parameter name="seed" value="1" />
              </TestRunParameters>
            </RunSettings>
            """);
        return RunSettings.Load(_root, _ => null);
    }

    [Theory]
    [InlineData("ours", "random")]
    [InlineData("coyote", "random")]
    [InlineData("ours", "pct")]
    [InlineData("coyote", "pct")]
    public void Both_backends_find_the_use_after_free_of_put_frees_immediately(string backend, string strategy)
    {
        var options = Settings(backend, strategy, 500);
        var program = ScenarioProgram.Build(Catalog.Find("get-put")!, ["put-frees-immediately"]);
        var defect = DefectCatalogue.Find("put-frees-immediately")!;

        var report = Backends.Explore(program, options with { FindingFilter = defect.FindingFilter });

        Assert.Equal(backend, report.Backend.ToString().ToLowerInvariant());
        Assert.Contains(report.Bugs, b => b.StartsWith("UseAfterFree", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ours")]
    [InlineData("coyote")]
    public void Both_backends_run_the_budget_clean_on_the_faithful_port(string backend)
    {
        var report = Backends.Explore(ScenarioProgram.Build(Catalog.Find("fault-vs-unmap")!), Settings(backend, "random", 40));
        Assert.Empty(report.Bugs);
        Assert.Equal(40, report.Schedules);
    }

    [Fact]
    public void Coyote_backend_refuses_a_strategy_coyote_does_not_have()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Backends.Explore(ScenarioProgram.Build(Catalog.Find("fault-vs-unmap")!), Settings("coyote", "dfs", 10)));
        Assert.Equal("backend coyote: strategy must be random, pct (prioritization), fair-random or fair-pct, got 'dfs'", e.Message);
    }
}
