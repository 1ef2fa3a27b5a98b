// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>`bench coyote`: the shape of its output, never its timings.</summary>
public sealed class BenchCoyoteTests
{
    [Fact]
    public void Json_output_has_both_engines_and_the_ratio_per_scenario()
    {
        var result = CliRunner.Run("bench", "coyote", "--json", "--rounds", "2", "--iterations", "50",
            "--coyote-iterations", "3", "--scenario", "fault-vs-unmap");
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.Out);
        var row = json.RootElement.GetProperty("fault-vs-unmap");
        foreach (var side in new[] { "ours", "coyote" })
        {
            var figures = row.GetProperty(side);
            Assert.True(figures.GetProperty("schedulesPerSecond").GetDouble() > 0, side);
            Assert.True(figures.GetProperty("stepsPerSchedule").GetDouble() > 0, side);
            Assert.Equal(2, figures.GetProperty("rounds").GetArrayLength());
        }

        Assert.True(row.GetProperty("ratioSchedulesPerSecond").GetDouble() > 0);
        var rounds = row.GetProperty("ratioRounds").EnumerateArray().Select(r => r.GetDouble()).ToList();
        Assert.Equal(2, rounds.Count);
        Assert.All(rounds, r => Assert.True(r > 0));
    }

    [Fact]
    public void Pct_runs_on_both_engines_and_says_so()
    {
        var result = CliRunner.Run("bench", "coyote", "--json", "--strategy", "pct", "--rounds", "1", "--iterations", "50",
            "--coyote-iterations", "3", "--scenario", "get-put");
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.Out);
        var row = json.RootElement.GetProperty("get-put");
        Assert.Equal("pct", row.GetProperty("strategy").GetString());
        Assert.True(row.GetProperty("coyote").GetProperty("schedulesPerSecond").GetDouble() > 0);

        var table = CliRunner.Run("bench", "coyote", "-s", "pct", "--rounds", "1", "--iterations", "20", "--coyote-iterations", "2", "--scenario", "get-put");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.StartsWith("pct strategy, seed 1", table.Out, StringComparison.Ordinal);
        Assert.Contains("rounds' ratios", table.Out, StringComparison.Ordinal);
        // One scenario, so the verdict on the goal is that scenario's alone, met or not.
        Assert.Matches(@"goal, a ratio of 100x or more on every scenario: (met|not met) \((0|1) of 1 scenario at 100x or more by the median ratio\)", table.Out);
    }

    [Fact]
    public void A_strategy_both_engines_do_not_share_is_a_usage_error()
    {
        var result = CliRunner.Run("bench", "coyote", "--strategy", "dfs", "--rounds", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dfs", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_scenario_is_a_usage_error()
    {
        var result = CliRunner.Run("bench", "coyote", "--scenario", "no-such-scenario", "--rounds", "1");
        Assert.Equal(2, result.ExitCode);
    }
}
