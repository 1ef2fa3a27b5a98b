// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>`bench kill`: the matrix's shape and verdicts on small budgets, never its timings.</summary>
public sealed class BenchKillTests
{
    [Fact]
    public void Json_matrix_finds_the_defect_with_every_strategy()
    {
        var result = CliRunner.Run("bench", "kill", "--json", "--seeds", "2", "--max-schedules", "2000", "--stress-seconds", "0",
            "--defect", "lost-update");
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("summary").GetProperty("defects").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("foundByEngine").GetInt32());
        var cells = root.GetProperty("rows")[0].GetProperty("cells");
        Assert.Equal(3, cells.GetArrayLength());
        foreach (var cell in cells.EnumerateArray())
        {
            Assert.Equal(2, cell.GetProperty("found").GetInt32());
            Assert.True(cell.GetProperty("medianSchedules").GetDouble() >= 1);
        }
    }

    [Fact]
    public void Table_has_a_row_per_defect_and_the_stress_column()
    {
        var result = CliRunner.Run("bench", "kill", "--seeds", "1", "--max-schedules", "500", "--stress-seconds", "0.2",
            "--defect", "lost-wakeup", "--defect", "ab-ba-deadlock");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| lost-wakeup", result.Out, StringComparison.Ordinal);
        Assert.Contains("| ab-ba-deadlock", result.Out, StringComparison.Ordinal);
        Assert.Contains("stress", result.Out, StringComparison.Ordinal);
        Assert.Contains("found by the engine: 2/2", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_defect_is_a_usage_error()
    {
        var result = CliRunner.Run("bench", "kill", "--defect", "no-such-defect");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown defect 'no-such-defect'", result.Err, StringComparison.Ordinal);
    }
}
