// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Out-of-range numbers, values the parser refuses (named by their option, never by a .NET type),
/// impossible combinations and unwritable paths: one line, exit 2.
/// </summary>
public sealed class OptionRangeTests
{
    [Theory]
    [InlineData("--timeout: expected a positive number of seconds", "test", "lost-update", "--timeout", "1e300")]
    [InlineData("--timeout: expected a positive number of seconds", "test", "lost-update", "--timeout", "0")]
    [InlineData("--max-seconds: expected a positive number of seconds", "bench", "kill", "--max-seconds", "1e300")]
    [InlineData("--stress-seconds: expected 0 or more seconds", "bench", "kill", "--stress-seconds", "-1")]
    [InlineData("--pct-depth must be positive", "test", "lost-update", "--pct-depth", "0")]
    [InlineData("--preemption-bound must not be negative", "test", "lost-update", "--preemption-bound", "-1")]
    [InlineData("--pct-depth: only with a strategy that reads it (pct, fair-pct); the default strategy, portfolio, ignores it", "test", "lost-update", "--pct-depth", "5")]
    [InlineData("--pct-depth: only with a strategy that reads it (pct, fair-pct); --strategy random ignores it", "test", "lost-update", "--strategy", "random", "--pct-depth", "5")]
    [InlineData("--pct-depth: only with a strategy that reads it (pct, fair-pct); --strategy portfolio ignores it", "test", "lost-update", "-s", "portfolio", "--pct-depth", "5")]
    [InlineData("--preemption-bound: only with a strategy that reads it (dfs, iterative-pb, delay-bounding, dpor); --strategy pct ignores it", "test", "lost-update", "-s", "pct", "--preemption-bound", "1")]
    [InlineData("--liveness-threshold: only with a strategy that reads it (fair-random, fair-pct); the default strategy, portfolio, ignores it", "test", "lost-update", "--liveness-threshold", "5")]
    [InlineData("unknown defect 'nope'", "bench", "kill", "--defect", "nope")]
    [InlineData("unknown defect 'nope'", "fuzz", "--defect", "nope")]
    [InlineData("--seeds: expected a positive number, found 0", "corpus", "--seeds", "0")]
    [InlineData("--iterations: expected an integer in [-9223372036854775808, 9223372036854775807], found 'abc'", "test", "lost-update", "--iterations", "abc")]
    [InlineData("--seed: expected an integer in [0, 18446744073709551615], found '-1'", "test", "lost-update", "--seed", "-1")]
    [InlineData("--max-steps: expected an integer in [-2147483648, 2147483647], found '99999999999999999999'", "test", "lost-update", "--max-steps", "99999999999999999999")]
    [InlineData("--shard-count: expected an integer in [-2147483648, 2147483647], found 'x'", "test", "lost-update", "--shard", "auto", "--shard-count", "x")]
    [InlineData("--timeout: expected a number, found 'abc'", "test", "lost-update", "--timeout", "abc")]
    [InlineData("--max-executions: expected an integer in [-9223372036854775808, 9223372036854775807], found '1e3'", "verify", "lost-update", "--max-executions", "1e3")]
    [InlineData("--no-detector: expected one of kasan, kcsan, lockdep, found 'nope'", "test", "lost-update", "--no-detector", "kasan", "--no-detector", "nope")]
    [InlineData("--memory-model: expected one of lkmm, sc, found 'tso'", "test", "lost-update", "--memory-model", "tso")]
    [InlineData("--strategy: expected one of pct, q-learning, random, found 'dfs'", "bench", "first-bug", "--strategy", "dfs")]
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
