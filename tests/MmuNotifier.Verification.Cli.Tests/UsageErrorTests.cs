// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Exit code 2: every mistake on the command line is one clear line on stderr.</summary>
public sealed class UsageErrorTests
{
    [Fact]
    public void Unknown_program_name_names_it_and_the_known_ones()
    {
        var result = CliRunner.Run("test", "no-such-program", "--iterations", "1");
        CliRunner.AssertCleanError(result, "unknown program 'no-such-program'");
        Assert.Contains("list samples", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--iterations", "abc", "'abc'")]
    [InlineData("--iterations", "0", "--iterations: expected a positive number, found 0")]
    [InlineData("--strategy", "bfs", "'bfs'")]
    [InlineData("--max-steps", "-5", "max-steps")]
    [InlineData("--workers", "0", "--workers: expected a number from 1 to 1024, found 0")]
    [InlineData("--timeout", "-1", "--timeout: expected a positive number of seconds")]
    [InlineData("--seed", "minus-one", "'minus-one'")]
    public void Bad_option_values_are_usage_errors(string option, string value, string expected)
    {
        CliRunner.AssertCleanError(CliRunner.Run("test", option, value), expected);
    }

    [Fact]
    public void Parse_errors_stay_on_one_line_plus_a_hint()
    {
        var result = CliRunner.Run("test", "--strategy", "bfs");
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("--help", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_verb_and_missing_verb_are_usage_errors()
    {
        CliRunner.AssertCleanError(CliRunner.Run("frobnicate"), "frobnicate");
        Assert.Equal(2, CliRunner.Run().ExitCode);
    }

    [Theory]
    [InlineData("--runs", "0")]
    [InlineData("--iterations", "-3")]
    public void Bad_bench_values_are_usage_errors(string option, string value)
    {
        CliRunner.AssertCleanError(CliRunner.Run("bench", option, value), option);
    }

    [Fact]
    public void Help_exits_zero_and_lists_the_verbs()
    {
        var result = CliRunner.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "test", "replay", "list", "bench" })
            Assert.Contains(verb, result.Out, StringComparison.Ordinal);
    }
}
