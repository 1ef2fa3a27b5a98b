// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json.Nodes;
using MmuNotifier.Verification.Cli.Sharding;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Shard reports edited past the fingerprint (it is recomputed here, as anyone can): `merge` must
/// still refuse what no shard writes, naming the report and the place, instead of reading it
/// leniently, taking a default, overflowing (exit 3) or allocating a list per missing shard.
/// </summary>
public sealed class ForgedShardReportTests : IDisposable
{
    private readonly ShardPair _shards = ShardPair.OfTest();

    public void Dispose() => _shards.Dispose();

    private CliRunner.Result MergeBoth(Action<JsonObject> edit) =>
        _shards.Merge(_shards.Forged(_shards.First, "f0.json", edit), _shards.Forged(_shards.Second, "f1.json", edit));

    [Fact]
    public void Recomputing_the_fingerprint_alone_changes_nothing()
    {
        var result = MergeBoth(_ => { });
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Before: " 20" and "+20" ran as 20, "yes" as false, 999 as a detector set, an extra setting was ignored.</summary>
    [Theory]
    [InlineData("iterations", "+20", "at $.settings.iterations: expected the value as a shard writes it, '20', found '+20'")]
    [InlineData("iterations", " 20", "at $.settings.iterations: expected the value as a shard writes it, '20', found ' 20'")]
    [InlineData("strategy", "RANDOM", "at $.settings.strategy: expected the value as a shard writes it, 'random', found 'RANDOM'")]
    [InlineData("checkDeterminism", "yes", "at $.settings.checkDeterminism: expected true or false, found 'yes'")]
    [InlineData("detectors", "999", "at $.settings.detectors: expected detector names, found '999'")]
    [InlineData("colour", "red", "at $.settings.colour: unknown setting; expected one of: checkDeterminism, defects,")]
    public void A_setting_must_read_back_as_a_shard_writes_it(string name, string value, string expected) =>
        CliRunner.AssertCleanError(MergeBoth(r => r["settings"]![name] = value), $"{_shards.File("f0.json")}: {expected}");

    /// <summary>Before, these merged: dpor, which cannot be sharded; a negative shortening budget; a step bound that exhausts memory.</summary>
    [Theory]
    [InlineData("strategy", "dpor", "at $.settings: --strategy: strategy dpor keeps one search across all schedules and cannot be sharded")]
    [InlineData("shorten", "-1", "at $.settings: --shorten: expected 0 or more, found -1")]
    [InlineData("maxSteps", "2147483647", "at $.settings: max-steps must be at most 1000000, got 2147483647")]
    public void A_setting_the_options_refuse_is_refused(string name, string value, string expected) =>
        CliRunner.AssertCleanError(MergeBoth(r => r["settings"]![name] = value), $"{_shards.File("f0.json")}: {expected}");

    /// <summary>Before: exit 3, "OverflowException: TimeSpan overflowed because the duration is too long".</summary>
    [Theory]
    [InlineData("1e308")]
    [InlineData("1e400")]
    public void Seconds_past_any_time_budget_are_refused_at_their_place(string seconds)
    {
        var report = File.ReadAllText(_shards.First).Replace("\"seconds\":", $"\"seconds\":{seconds},\"x\":", StringComparison.Ordinal);
        var path = _shards.File("seconds.json");
        File.WriteAllText(path, System.Text.RegularExpressions.Regex.Replace(report, ",\"x\":[0-9.eE+-]+", ""));
        CliRunner.AssertCleanError(_shards.Merge(path, _shards.Second), $"{path}:1: $.programs[0].seconds: expected a number");
    }

    [Fact]
    public void Seconds_that_add_up_past_a_time_span_are_refused()
    {
        var programs = Enumerable.Repeat(new ShardProgram("p", null, Commands.OptionChecks.MaxSeconds, null), 1000).ToList();
        var error = Assert.Throws<UsageException>(() => ShardReport.Elapsed(programs));
        Assert.StartsWith("the reports' seconds add up to", error.Message);
        Assert.Equal(TimeSpan.FromSeconds(2e9), ShardReport.Elapsed(programs.Take(2)));
    }

    /// <summary>Before, the missing shards of 0/2147483647 were listed in full (two billion entries) to name ten of them.</summary>
    [Fact]
    public async Task A_report_of_a_huge_shard_count_names_the_missing_shards_at_once()
    {
        var path = _shards.Forged(_shards.First, "huge.json", report =>
        {
            report["shard"]!["count"] = int.MaxValue;
            foreach (var program in report["programs"]!.AsArray())
            {
                var log = program!["log"]!.AsObject();
                log["shard"]!["count"] = int.MaxValue;
                // Shard 0 of so many owns schedule 0 alone.
                foreach (var segment in log["segments"]!.AsArray())
                {
                    var runs = segment!["runs"]!.AsArray();
                    while (runs.Count > 1) runs.RemoveAt(runs.Count - 1);
                }
            }
        });
        // A regression fails with a TimeoutException instead of holding up the run.
        var result = await Task.Run(() => _shards.Merge(path)).WaitAsync(TimeSpan.FromSeconds(30));
        CliRunner.AssertCleanError(result, $"{path}: at $.shard: missing shards 1/{int.MaxValue}, 2/{int.MaxValue}, ");
    }
}
