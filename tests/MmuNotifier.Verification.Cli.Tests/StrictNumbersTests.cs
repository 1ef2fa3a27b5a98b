// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Seconds are plain decimal numbers: no text the parser would read as some other number.</summary>
public sealed class StrictNumbersTests
{
    [Theory]
    [InlineData("a positive number of seconds, at most 1e9", "test", "lost-update", "--iterations", "5", "--shorten", "0", "--timeout", "1,5")]
    [InlineData("a positive number of seconds, at most 1e9", "verify", "lost-update", "--timeout", "1,5")]
    // A small matrix, so that a regression costs one schedule, not the whole kill matrix for 2000 s.
    [InlineData("a positive number of seconds, at most 1e9", "bench", "kill", "--defect", "get-put-puts-twice", "--strategy", "random", "--seeds", "1",
        "--max-schedules", "1", "--coyote-schedules", "0", "--detector-schedules", "0", "--stress-seconds", "0", "--max-seconds", "2,000")]
    public void A_comma_in_seconds_is_refused_not_read_as_a_thousands_separator(string accepted, params string[] args)
    {
        var result = CliRunner.Run(args);
        CliRunner.AssertCleanError(result, $"{args[^2]}: expected {accepted}, found '{args[^1]}'");
        Assert.Equal(2, result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>
    /// Text that is no number is told what the option takes, and a number too large for a double
    /// or too small to tell from 0 is quoted as typed: `--timeout abc` said only "expected a
    /// number", `--timeout 1e400` "found Infinity" and `--timeout 1e-400` "found 0".
    /// </summary>
    [Theory]
    [InlineData("--timeout: expected a positive number of seconds, at most 1e9, found 'abc'", "test", "lost-update", "--timeout", "abc")]
    [InlineData("--timeout: expected a positive number of seconds, at most 1e9, found '1e400'", "test", "lost-update", "--timeout", "1e400")]
    [InlineData("--timeout: expected a positive number of seconds, at most 1e9, found '1e-400'", "test", "lost-update", "--timeout", "1e-400")]
    [InlineData("--stress-seconds: expected 0 or more seconds, at most 1e9, found '0.5e-330'", "bench", "kill", "--stress-seconds", "0.5e-330")]
    [InlineData("--timeout: expected a positive number of seconds, at most 1e9, found 'NaN'", "verify", "lost-update", "--timeout", "NaN")]
    [InlineData("--stress-seconds: expected 0 or more seconds, at most 1e9, found 'soon'", "bench", "kill", "--stress-seconds", "soon")]
    [InlineData("--max-seconds: expected a positive number of seconds, at most 1e9, found '-Infinity'", "bench", "kill", "--max-seconds", "-Infinity")]
    public void Seconds_that_are_no_finite_number_are_told_the_range(string expected, params string[] args) =>
        CliRunner.AssertCleanError(CliRunner.Run(args), expected);
}
