// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Out-of-range numbers, impossible combinations and unwritable paths: one line, exit 2.</summary>
public sealed class OptionRangeTests
{
    [Theory]
    [InlineData("--timeout: expected a positive number of seconds", "test", "lost-update", "--timeout", "1e300")]
    [InlineData("--timeout: expected a positive number of seconds", "test", "lost-update", "--timeout", "0")]
    [InlineData("--max-seconds: expected a positive number of seconds", "bench", "kill", "--max-seconds", "1e300")]
    [InlineData("--stress-seconds: expected 0 or more seconds", "bench", "kill", "--stress-seconds", "-1")]
    [InlineData("--pct-depth must be positive", "test", "lost-update", "--pct-depth", "0")]
    [InlineData("--preemption-bound must not be negative", "test", "lost-update", "--preemption-bound", "-1")]
    [InlineData("portfolio mixes them", "bench", "kill", "--strategy", "portfolio")]
    [InlineData("unknown defect 'nope'", "bench", "kill", "--defect", "nope")]
    [InlineData("unknown defect 'nope'", "fuzz", "--defect", "nope")]
    [InlineData("--seeds: expected a positive number, found 0", "corpus", "--seeds", "0")]
    public void Is_a_usage_error(string expected, params string[] args) =>
        CliRunner.AssertCleanError(CliRunner.Run(args), expected);

    [Fact]
    public void Output_directory_that_is_a_file_is_a_usage_error()
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = CliRunner.Run("test", "lost-update", "--out", file, "--shorten", "0");
            CliRunner.AssertCleanError(result, file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
