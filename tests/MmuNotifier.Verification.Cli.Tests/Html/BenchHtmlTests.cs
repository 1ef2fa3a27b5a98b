// SPDX-License-Identifier: GPL-2.0-only
using System.Text.RegularExpressions;

namespace MmuNotifier.Verification.Cli.Tests.Html;

/// <summary>`bench kill --html` and `bench scenarios --html`: self-contained reports with one SVG chart mark per figure.</summary>
public sealed class BenchHtmlTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Kill_report_draws_one_cell_per_row_and_strategy()
    {
        var page = _dir.File("kill.html");
        var result = CliRunner.Run("bench", "kill", "--seeds", "1", "--max-schedules", "200", "--stress-seconds", "0", "--detector-schedules", "100",
            "--strategy", "random", "--strategy", "dfs", "--defect", "insert-idle-even-seq", "--html", page);
        Assert.True(result.ExitCode == 0, result.ToString());

        var html = File.ReadAllText(page);
        SelfContained.Check(html);
        Assert.Contains("<svg role=\"img\" aria-label=\"kill matrix", html);
        // Two rows (fault-vs-unmap, deferred-insert) by two strategies, each cell titled with its figure.
        Assert.Equal(4, Regex.Matches(html, @"<title>insert-idle-even-seq on [a-z-]+, (random|dfs): 1 \(1/1\)</title>").Count);
        Assert.Contains(">insert-idle-even-seq on deferred-insert</text>", html);
        // Then one cell per row and detector column, over the two strategies' seed: only the checks column finds the odd-sequence violation.
        Assert.Equal(2, Regex.Matches(html, @"<title>insert-idle-even-seq on [a-z-]+, checks: 1 \(2/2\)</title>").Count);
        Assert.Equal(10, Regex.Matches(html, @"<title>insert-idle-even-seq on [a-z-]+, (deadlock|liveness|lockdep|kasan|kcsan): missed \(0/2\)</title>").Count);
    }

    [Fact]
    public void Scenarios_report_draws_a_bar_per_scenario_for_both_rates()
    {
        var page = _dir.File("scenarios.html");
        var result = CliRunner.Run("bench", "scenarios", "--iterations", "3", "--html", page);
        Assert.True(result.ExitCode == 0, result.ToString());

        var html = File.ReadAllText(page);
        SelfContained.Check(html);
        var scenarios = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "models"), "*.json").Length;
        Assert.Equal(scenarios, Regex.Matches(html, @"<title>[^<]+: [0-9.]+ schedules/s</title>").Count);
        Assert.Equal(scenarios, Regex.Matches(html, @"<title>[^<]+: [0-9.]+ steps/s</title>").Count);
    }

    [Theory]
    [InlineData("kill")]
    [InlineData("scenarios")]
    public void A_directory_as_the_html_file_is_a_usage_error(string verb)
    {
        var result = CliRunner.Run("bench", verb, "--html", _dir.Path);
        CliRunner.AssertCleanError(result, $"--html {_dir.Path}: expected a file path, but it names a directory");
    }
}
