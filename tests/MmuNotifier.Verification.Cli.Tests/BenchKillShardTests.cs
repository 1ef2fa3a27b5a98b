// SPDX-License-Identifier: GPL-2.0-only
using System.Text.RegularExpressions;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// `bench kill --shard K/N --report` then `merge`: the same matrix (table or JSON) as the single
/// run, schedule counts and found/seeds alike, only the measured seconds differ; and the refusals.
/// </summary>
public sealed partial class BenchKillShardTests
{
    private const int Shards = 3;

    /// <summary>Two defects, three rows (one defect shows on two scenarios): one row per shard.</summary>
    private static readonly string[] Kill =
    [
        "bench", "kill", "--seeds", "1", "--stress-seconds", "0", "--strategy", "random", "--detector-schedules", "50",
        "--defect", "insert-idle-even-seq", "--defect", "review-blockable-backoff",
    ];

    [Theory]
    [InlineData(false, "0")]
    [InlineData(true, "20")]
    public void ThreeShardsMergeIntoTheSingleMatrix(bool json, string coyote)
    {
        using var temp = new TempDirectory();
        string[] args = [.. Kill, "--max-schedules", "200", "--coyote-schedules", coyote, .. json ? new[] { "--json" } : []];

        var single = CliRunner.Run(args);
        var shards = Enumerable.Range(0, Shards).Select(k => CliRunner.Run([.. args, "--shard", $"{k}/{Shards}", "--report", temp.File($"k{k}.json")])).ToList();
        var merged = CliRunner.Run(["merge", .. Enumerable.Range(0, Shards).Select(k => temp.File($"k{k}.json")), .. json ? new[] { "--json" } : []]);

        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.All(shards, s => Assert.True(s.ExitCode == 0, s.ToString()));
        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.Equal(WithoutSeconds(single.Out), WithoutSeconds(merged.Out));
        // Each shard ran a row of its own, not the matrix.
        Assert.All(shards, s => Assert.Contains("1 of 3", s.Err));
        if (json) Assert.Contains("\"foundByEngine\": 2", merged.Out);
        else Assert.Contains("found by the engine: 2/2 defects", merged.Out);
    }

    [Fact]
    public void MergeRefusesOtherSettingsMissingRepeatedOrMisplacedRows()
    {
        using var temp = new TempDirectory();
        string Shard(int k, string schedules, string name)
        {
            var result = CliRunner.Run([.. Kill, "--coyote-schedules", "0", "--max-schedules", schedules, "--shard", $"{k}/2", "--report", temp.File(name)]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return temp.File(name);
        }

        var a0 = Shard(0, "200", "a0.json");
        var a1 = Shard(1, "200", "a1.json");
        var b1 = Shard(1, "300", "b1.json");

        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, b1), $"{b1}: at $.settings.maxSchedules: settings differ from {a0}'s: maxSchedules '300' here, '200' there");
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, a0), $"{a0}: at $.shard: shard 0/2 again ({a0} is that shard already)");
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0), $"{a0}: at $.shard: missing shard 1/2 of the run this report is shard 0/2 of");

        // Rows are not under the fingerprint; a row moved to the wrong shard, or dropped, is still refused.
        var text = File.ReadAllText(a1);
        File.WriteAllText(temp.File("moved.json"), text.Replace("\"number\":\"1\"", "\"number\":\"0\""));
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, temp.File("moved.json")), $"{temp.File("moved.json")}: at $.programs[0].result.number: row 0 belongs to shard 0/2, not to this shard 1/2");
        File.WriteAllText(temp.File("dropped.json"), text.Replace("\"number\":\"1\"", "\"number\":\"9\""));
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, temp.File("dropped.json")), "at $.programs[0].result.number: expected a whole number from 0 to 2, found '9'");
        File.WriteAllText(temp.File("garbled.json"), Regex.Replace(text, "\"row\":\"[^\"]", "\"row\":\"x"));
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, temp.File("garbled.json")), $"{temp.File("garbled.json")}: at $.programs[0].result.row: expected a kill-matrix row as JSON");

        var merged = CliRunner.Run("merge", a1, a0);
        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.Contains("found by the engine: 2/2 defects", merged.Out);
    }

    [Fact]
    public void BenchKillShardWithoutAReportIsRefused() =>
        CliRunner.AssertCleanError(CliRunner.Run([.. Kill, "--shard", "0/2"]), "--shard: needs --report FILE.json");

    /// <summary>The output with every measured second blanked and runs of spaces collapsed (column widths follow the seconds).</summary>
    private static string WithoutSeconds(string output) =>
        Spaces().Replace(JsonSeconds().Replace(CellSeconds().Replace(output, ", S |"), "\"$1\": S"), " ");

    [GeneratedRegex(@", [0-9]+\.[0-9]{3} *\|")]
    private static partial Regex CellSeconds();

    [GeneratedRegex(@"""(medianSeconds|medianSecondsOfBest|seconds|secondsToFirstBug)"": [-0-9.eE+]+")]
    private static partial Regex JsonSeconds();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
