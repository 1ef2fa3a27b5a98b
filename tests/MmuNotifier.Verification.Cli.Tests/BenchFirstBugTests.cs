// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>`bench first-bug`: ours and Coyote's strategy of one name on a catalogued defect; the shape of the output.</summary>
public sealed class BenchFirstBugTests
{
    [Theory]
    [InlineData("q-learning")]
    [InlineData("random")]
    public void A_defect_both_engines_find_at_once_shows_its_counts(string strategy)
    {
        // no-odd-seq-on-start breaks odd-seq in the first schedule of fault-vs-unmap, whatever the order.
        var result = CliRunner.Run("bench", "first-bug", "--strategy", strategy, "--seeds", "2", "--max-schedules", "50",
            "--defect", "no-odd-seq-on-start");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"strategy {strategy} (ours and Coyote's), seeds 1..2", result.Out, StringComparison.Ordinal);
        var row = result.Out.Split('\n').Single(l => l.Contains("no-odd-seq-on-start", StringComparison.Ordinal));
        Assert.Contains("fault-vs-unmap", row, StringComparison.Ordinal);
        Assert.Equal(2, row.Split("2/2").Length - 1);
    }

    [Fact]
    public void Unknown_defect_and_unknown_strategy_are_usage_errors()
    {
        Assert.Equal(2, CliRunner.Run("bench", "first-bug", "--defect", "no-such-defect", "--seeds", "1").ExitCode);
        Assert.Equal(2, CliRunner.Run("bench", "first-bug", "--strategy", "dfs", "--seeds", "1").ExitCode);
    }
}
