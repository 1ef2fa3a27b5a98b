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
    [InlineData("--timeout: expected at least 1e-7 seconds (the clock's tick), found 1E-300", "test", "lost-update", "--timeout", "1e-300")]
    [InlineData("--stress-seconds: expected at least 1e-7 seconds (the clock's tick), found 1E-09", "bench", "kill", "--stress-seconds", "1e-9")]
    [InlineData("--max-seconds: expected a positive number of seconds", "bench", "kill", "--max-seconds", "1e300")]
    [InlineData("--stress-seconds: expected 0 or more seconds", "bench", "kill", "--stress-seconds", "-1")]
    [InlineData("--pct-depth: expected a positive number, found 0", "test", "lost-update", "--pct-depth", "0")]
    [InlineData("--preemption-bound: expected 0 or more, found -1", "test", "lost-update", "--preemption-bound", "-1")]
    [InlineData("--max-steps: expected a positive number, found 0", "test", "lost-update", "--max-steps", "0")]
    // Unbounded, a spinning program's one run grew by 200 MB a second until memory ran out.
    [InlineData("--max-steps: expected at most 1000000 steps (a run keeps every step it takes in memory), found 2147483647", "test", "lost-update", "--max-steps", "2147483647")]
    [InlineData("--max-steps: expected at most 1000000 steps (a run keeps every step it takes in memory), found 1000001", "verify", "lost-update", "--max-steps", "1000001")]
    [InlineData("--max-steps: expected at most 1000000 steps (a run keeps every step it takes in memory), found 2147483647", "bench", "liveness", "--program", "lost-update", "--seeds", "1", "--max-schedules", "1", "--max-steps", "2147483647")]
    [InlineData("--workers: expected a number from 1 to 1024, found 100000", "test", "lost-update", "--workers", "100000")]
    [InlineData("--workers: expected a number from 1 to 1024, found 2147483647", "test", "lost-update", "--workers", "2147483647")]
    [InlineData("--workers: expected a number from 1 to 1024, found 100000", "verify", "lost-update", "--workers", "100000")]
    [InlineData("--workers: expected a number from 1 to 1024, found 100000", "bench", "scenarios", "--workers", "100000")]
    [InlineData("--workers: expected 1 with --strategy q-learning, which keeps one search across all schedules and runs on one worker; found 4", "test", "lost-update", "-s", "q-learning", "--workers", "4")]
    [InlineData("--workers: expected 1 with --strategy delay-bounding,", "test", "lost-update", "-s", "delay-bounding", "--workers", "2")]
    [InlineData("--liveness-threshold: expected fewer steps than --max-steps (100), which cuts every run first, found 100", "test", "spin-on-unset-flag", "-s", "fair-random", "--max-steps", "100", "--liveness-threshold", "100")]
    [InlineData("--liveness-threshold: expected fewer steps than --max-steps (2000), which cuts every run first, found 5000", "bench", "liveness", "--liveness-threshold", "5000")]
    [InlineData("--coyote-schedules: expected a number from 0 to 4294967295, found -1", "bench", "kill", "--coyote-schedules", "-1")]
    [InlineData("--pct-depth: only with a strategy that reads it (pct, fair-pct); the default strategy, portfolio, ignores it", "test", "lost-update", "--pct-depth", "5")]
    [InlineData("--pct-depth: only with a strategy that reads it (pct, fair-pct); --strategy random ignores it", "test", "lost-update", "--strategy", "random", "--pct-depth", "5")]
    [InlineData("--pct-depth: only with a strategy that reads it (pct, fair-pct); --strategy portfolio ignores it", "test", "lost-update", "-s", "portfolio", "--pct-depth", "5")]
    [InlineData("--preemption-bound: only with a strategy that reads it (dfs, iterative-pb, delay-bounding, dpor); --strategy pct ignores it", "test", "lost-update", "-s", "pct", "--preemption-bound", "1")]
    [InlineData("--liveness-threshold: only with a strategy that reads it (fair-random, fair-pct); the default strategy, portfolio, ignores it", "test", "lost-update", "--liveness-threshold", "5")]
    // The kill matrix bounds its dfs column with it; with no such column it was dropped.
    [InlineData("--preemption-bound: only with a strategy that reads it (dfs, iterative-pb, delay-bounding, dpor); --strategy random, pct ignores it", "bench", "kill", "--strategy", "random", "--strategy", "pct", "--preemption-bound", "1")]
    [InlineData("unknown defect 'nope'", "bench", "kill", "--defect", "nope")]
    [InlineData("unknown defect 'nope'", "fuzz", "--defect", "nope")]
    [InlineData("--seeds: expected a positive number, found 0", "corpus", "--seeds", "0")]
    [InlineData("--iterations: expected an integer in [1, 9223372036854775807], found 'abc'", "test", "lost-update", "--iterations", "abc")]
    [InlineData("--seed: expected an integer in [0, 18446744073709551615], found '-1'", "test", "lost-update", "--seed", "-1")]
    [InlineData("--max-steps: expected an integer in [1, 1000000], found '99999999999999999999'", "test", "lost-update", "--max-steps", "99999999999999999999")]
    [InlineData("--shard-count: expected an integer in [1, 2147483647], found 'x'", "test", "lost-update", "--shard", "auto", "--shard-count", "x")]
    [InlineData("--timeout: expected a positive number of seconds, at most 1e9, found 'abc'", "test", "lost-update", "--timeout", "abc")]
    [InlineData("--max-executions: expected an integer in [1, 9223372036854775807], found '1e3'", "verify", "lost-update", "--max-executions", "1e3")]
    [InlineData("--no-detector: expected one of kasan, kcsan, lockdep, found 'nope'", "test", "lost-update", "--no-detector", "kasan", "--no-detector", "nope")]
    [InlineData("--memory-model: expected one of lkmm, sc, found 'tso'", "test", "lost-update", "--memory-model", "tso")]
    [InlineData("--strategy: expected one of pct, q-learning, random, found 'dfs'", "bench", "first-bug", "--strategy", "dfs")]
    public void Is_a_usage_error(string expected, params string[] args) =>
        CliRunner.AssertCleanError(CliRunner.Run(args), expected);

    /// <summary>
    /// A value that is no number is told the range the option declares (OptionRange), not its
    /// type's: `--iterations abc` was told [-9223372036854775808, ...] of an option that takes only
    /// positive counts. An option with no declared range (--seed) keeps its type's, which is its own.
    /// </summary>
    [Theory]
    [InlineData("--iterations: expected an integer in [1, 9223372036854775807], found '1e99'", "test", "lost-update", "--iterations", "1e99")]
    [InlineData("--iterations: expected an integer in [1, 9223372036854775807], found 'abc'", "test", "lost-update", "-i", "abc")]
    [InlineData("--workers: expected an integer in [1, 1024], found 'x'", "test", "lost-update", "--workers", "x")]
    [InlineData("--workers: expected an integer in [1, 1024], found 'x'", "verify", "lost-update", "--workers", "x")]
    [InlineData("--runs: expected an integer in [1, 2147483647], found 'x'", "bench", "--runs", "x")]
    [InlineData("--preemption-bound: expected an integer in [0, 2147483647], found '1.5'", "test", "lost-update", "-s", "dfs", "--preemption-bound", "1.5")]
    [InlineData("--shorten: expected an integer in [0, 9223372036854775807], found 'none'", "test", "lost-update", "--shorten", "none")]
    [InlineData("--coyote-schedules: expected an integer in [0, 4294967295], found 'x'", "bench", "kill", "--coyote-schedules", "x")]
    [InlineData("--liveness-threshold: expected an integer in [1, 2147483647], found 'x'", "bench", "liveness", "--liveness-threshold", "x")]
    public void A_value_that_is_no_number_is_told_the_options_own_range(string expected, params string[] args) =>
        CliRunner.AssertCleanError(CliRunner.Run(args), expected);

    /// <summary>
    /// The declared range is also what a given number is checked against, as the parse is: every
    /// option out of range is named at once, not only the first the verb happened to read.
    /// </summary>
    [Fact]
    public void Every_number_outside_its_declared_range_is_named()
    {
        var result = CliRunner.Run("test", "lost-update", "-i", "0", "-w", "0", "--liveness-threshold", "0", "-s", "fair-random");
        CliRunner.AssertCleanError(result, "--iterations: expected a positive number, found 0; --workers: expected a number from 1 to 1024, found 0; --liveness-threshold: expected a positive number of steps, found 0");
    }

    /// <summary>A value of a repeatable option given twice ran twice, or (bench coyote --json) ended as exit 3 on a duplicate key.</summary>
    [Theory]
    [InlineData("--scenario: each value once; 'get-put' is given twice", "bench", "coyote", "--json", "--scenario", "get-put", "--scenario", "get-put")]
    [InlineData("--scenario: each value once; 'get-put' is given twice", "bench", "scenarios", "--scenario", "get-put", "--scenario", "get-put")]
    [InlineData("--program: each value once; 'spin-on-unset-flag' is given twice", "bench", "liveness", "--program", "spin-on-unset-flag", "--program", "spin-on-unset-flag")]
    [InlineData("--defect: each value once; 'get-put-puts-twice' is given twice", "test", "get-put", "--defect", "get-put-puts-twice", "--defect", "get-put-puts-twice")]
    [InlineData("--strategy: each value once; 'random' is given twice", "bench", "kill", "--strategy", "random", "--strategy", "random")]
    [InlineData("--no-detector: each value once; 'kasan' is given twice", "test", "lost-update", "--no-detector", "kasan", "--no-detector", "kasan")]
    public void A_repeated_value_is_a_usage_error(string expected, params string[] args) =>
        CliRunner.AssertCleanError(CliRunner.Run(args), expected);

    /// <summary>A forgotten value took the next option as a path: `--html --verbose` wrote the file ./--verbose.</summary>
    [Theory]
    [InlineData("--out: expected a directory path, found '-x', which looks like an option (write ./-x to mean that name)", "test", "lost-update", "--out", "-x")]
    [InlineData("--html: expected a file path, found '--verbose', which looks like an option (write ./--verbose to mean that name)", "bench", "kill", "--html", "--verbose")]
    [InlineData("--models-out: expected a directory path, found '--misuse', which looks like an option", "fuzz", "--models-out", "--misuse")]
    public void A_path_that_looks_like_an_option_is_a_usage_error(string expected, params string[] args) =>
        CliRunner.AssertCleanError(CliRunner.Run(args), expected);

    [Fact]
    public void A_scenario_named_again_by_its_file_is_a_usage_error()
    {
        var file = RepositoryFiles.Model("get-put");
        var result = CliRunner.Run("bench", "coyote", "--json", "--scenario", "get-put", "--scenario", file);
        CliRunner.AssertCleanError(result, $"--scenario: each value once; 'get-put' is given twice (as '{file}')");
    }

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
