// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Coyote.EntryPoints;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Coyote.Tests;

/// <summary>
/// The `coyote test` entry points, run through Coyote's TestingEngine with small budgets and fixed
/// seeds: the faithful port is clean, the scenarios meant to fail and the catalogued defects fail
/// with our message.
/// </summary>
public sealed class CoyoteScenarioTests
{
    private static readonly ScenarioCatalog Catalog = ScenarioCatalog.Load(ScenarioCatalog.FindModelsDirectory()!);

    public static TheoryData<string> FaithfulScenarios() => new(Catalog.All.Where(s => s.Expect is null).Select(s => s.Name));

    public static TheoryData<string> ScenariosMeantToFail() => new(Catalog.All.Where(s => s.Expect is not null).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(FaithfulScenarios))]
    public void Faithful_scenario_is_clean_under_Coyote(string scenario)
    {
        var report = CoyoteExploration.Run(EntryPoint(scenario), iterations: 30, seed: 1);
        Assert.Empty(report.Bugs);
        Assert.Equal(30, report.Schedules);
    }

    [Theory]
    [MemberData(nameof(ScenariosMeantToFail))]
    public void Scenario_meant_to_fail_fails_under_Coyote_with_its_bug_kind(string scenario)
    {
        var report = CoyoteExploration.Run(EntryPoint(scenario), iterations: 300, seed: 1);
        var expected = Catalog.Find(scenario)!.Expect!;
        Assert.Contains(report.Bugs, b => b.StartsWith(expected.Kind, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fault-vs-unmap", "no-odd-seq-on-start", "InvariantViolation (odd-seq)")]
    [InlineData("deferred-remove", "remove-no-defer", "InvariantViolation (tree-stability)")]
    [InlineData("get-put", "put-frees-immediately", "UseAfterFree")]
    [InlineData("fault-vs-unmap", "inv-end-no-wakeup", "Deadlock")]
    public void Catalogued_defect_is_found_under_Coyote(string scenario, string defect, string expected)
    {
        foreach (var strategy in new[] { "random", "pct" })
        {
            var report = CoyoteExploration.Run(EntryPoint(scenario, defect), iterations: 500, seed: 1, strategy);
            Assert.True(report.Bugs.Any(b => b.Contains(expected, StringComparison.Ordinal)),
                $"{strategy}: expected a bug containing '{expected}', got [{string.Join(" | ", report.Bugs)}]");
        }
    }

    /// <summary>The generated entry point itself, as `dotnet coyote test --method` would call it.</summary>
    private static Action EntryPoint(string scenario, string? defect = null)
    {
        var method = typeof(ScenarioTests).GetMethod(EntryPointNames.Method(scenario, defect))!;
        return method.CreateDelegate<Action>();
    }
}
