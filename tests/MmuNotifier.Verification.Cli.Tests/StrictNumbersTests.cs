// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Seconds are plain decimal numbers: no text the parser would read as some other number.</summary>
public sealed class StrictNumbersTests
{
    [Theory]
    [InlineData("test", "lost-update", "--iterations", "5", "--shorten", "0", "--timeout", "1,5")]
    [InlineData("verify", "lost-update", "--timeout", "1,5")]
    // A small matrix, so that a regression costs one schedule, not the whole kill matrix for 2000 s.
    [InlineData("bench", "kill", "--defect", "get-put-puts-twice", "--strategy", "random", "--seeds", "1", "--max-schedules", "1",
        "--coyote-schedules", "0", "--detector-schedules", "0", "--stress-seconds", "0", "--max-seconds", "2,000")]
    public void A_comma_in_seconds_is_refused_not_read_as_a_thousands_separator(params string[] args)
    {
        var result = CliRunner.Run(args);
        CliRunner.AssertCleanError(result, $"{args[^2]}: expected a number, found '{args[^1]}'");
        Assert.Equal(2, result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
