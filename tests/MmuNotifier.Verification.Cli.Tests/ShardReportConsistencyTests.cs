// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json.Nodes;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// A shard report whose numbers disagree with each other (a finding that is no schedule of its
/// runs, a trace of no finding, a finding without its trace) is refused, naming the place, rather
/// than merged into a summary the single run would never print (no bug, or the same bug twice).
/// </summary>
public sealed class ShardReportConsistencyTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _first;
    private readonly string _second;

    public ShardReportConsistencyTests()
    {
        _first = Shard(0);
        _second = Shard(1);
    }

    public void Dispose() => _dir.Dispose();

    private string Shard(int index)
    {
        var path = _dir.File($"s{index}.json");
        var result = CliRunner.Run("test", "lost-update", "--iterations", "20", "--shorten", "0", "--shard", $"{index}/2", "--report", path, "--out", _dir.Path);
        Assert.True(result.ExitCode == 1, result.ToString());
        return path;
    }

    private string Edited(Action<JsonObject> edit) => EditedLog(_first, log => edit(log["segments"]![0]!.AsObject()));

    private string EditedLog(string shard, Action<JsonObject> edit)
    {
        var report = JsonNode.Parse(File.ReadAllText(shard))!.AsObject();
        edit(report["programs"]![0]!["log"]!.AsObject());
        var path = _dir.File("edited.json");
        File.WriteAllText(path, report.ToJsonString());
        return path;
    }

    [Fact]
    public void The_unedited_shards_merge()
    {
        var result = CliRunner.Run("merge", _first, _second, "--out", _dir.Path);
        Assert.True(result.ExitCode == 1, result.ToString());
    }

    [Theory]
    [InlineData("findings", "[7]", "$.programs[0].log.segments[0].findings[0]: expected the number of a schedule in this segment's runs, found 7")]
    [InlineData("stepBoundRuns", "[99]", "$.programs[0].log.segments[0].stepBoundRuns[0]: expected the number of a schedule in this segment's runs, found 99")]
    [InlineData("bugs", "[]", "$.programs[0].log.segments[0].bugs: expected the trace of the first finding, schedule 0, found none")]
    public void A_number_that_refers_to_nothing_in_its_segment_is_refused(string field, string value, string expected)
    {
        var path = Edited(segment => segment[field] = JsonNode.Parse(value));
        CliRunner.AssertCleanError(CliRunner.Run("merge", path, _second, "--out", _dir.Path), $"{path}:1: {expected}");
    }

    [Fact]
    public void A_trace_kept_twice_is_refused()
    {
        var path = Edited(segment => segment["bugs"]!.AsArray().Add(segment["bugs"]![0]!.DeepClone()));
        CliRunner.AssertCleanError(CliRunner.Run("merge", path, _second, "--out", _dir.Path),
            $"{path}:1: $.programs[0].log.segments[0].bugs[1]: expected the trace of a schedule in this segment's findings, each once, found one of schedule 0");
    }

    /// <summary>The merge adds up the segments: a run or segment given twice counted twice (2 schedules and 2 bugs where the run had 1).</summary>
    [Fact]
    public void A_schedule_given_twice_is_refused()
    {
        var path = Edited(segment => segment["runs"]!.AsArray().Add(segment["runs"]![0]!.DeepClone()));
        CliRunner.AssertCleanError(CliRunner.Run("merge", path, _second, "--out", _dir.Path),
            $"{path}:1: $.programs[0].log.segments[0].runs[1]: expected each schedule once, found schedule 0 again");
    }

    /// <summary>Before, a log of another shard than its report's was refused for its first schedule ("expected a schedule of shard 1/2, found schedule 0").</summary>
    [Fact]
    public void A_log_of_another_shard_than_its_report_is_refused()
    {
        var path = EditedLog(_first, log => log["shard"] = JsonNode.Parse("{\"index\": 1, \"count\": 2}"));
        CliRunner.AssertCleanError(CliRunner.Run("merge", path, _second, "--out", _dir.Path),
            $"{path}:1: $.programs[0].log.shard: expected the shard of the report that holds this log, 0/2, found 1/2");
    }

    /// <summary>Before, a schedule numbered past --iterations (an edited log, or one of other settings) was counted as explored.</summary>
    [Fact]
    public void A_schedule_past_the_budget_is_refused()
    {
        var runs = JsonNode.Parse(File.ReadAllText(_first))!["programs"]![0]!["log"]!["segments"]![0]!["runs"]!.AsArray().Count;
        var path = Edited(segment => segment["runs"]!.AsArray().Add(JsonNode.Parse("[100000, 6, 1]")));
        CliRunner.AssertCleanError(CliRunner.Run("merge", path, _second, "--out", _dir.Path),
            $"{path}: at $.programs[0].log.segments[0].runs[{runs}]: shard 0/2 holds schedule 100000, but the run explores schedules 0 to 19 (iterations 20)");
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 0)]
    public void A_seeded_log_without_exactly_one_segment_is_refused(bool twice, int found)
    {
        var path = EditedLog(_first, log =>
        {
            var segments = log["segments"]!.AsArray();
            if (twice) segments.Add(segments[0]!.DeepClone());
            else segments.Clear();
        });
        CliRunner.AssertCleanError(CliRunner.Run("merge", path, _second, "--out", _dir.Path),
            $"{path}:1: $.programs[0].log.segments: expected the one segment of a seeded strategy's log, found {found}");
    }

    /// <summary>Before, a DFS subtree given twice ended as "An item with the same key has already been added. Key: 0".</summary>
    [Fact]
    public void A_subtree_given_twice_is_refused()
    {
        string Dfs(int index)
        {
            var report = _dir.File($"dfs{index}.json");
            var result = CliRunner.Run("test", "lost-update-fixed", "-s", "dfs", "--iterations", "200", "--shorten", "0", "--shard", $"{index}/2", "--report", report, "--out", _dir.Path);
            Assert.True(result.ExitCode == 0, result.ToString());
            return report;
        }

        var first = Dfs(0);
        var second = Dfs(1);
        var path = EditedLog(first, log => log["segments"]!.AsArray().Add(log["segments"]![0]!.DeepClone()));
        CliRunner.AssertCleanError(CliRunner.Run("merge", path, second, "--out", _dir.Path),
            $"{path}:1: $.programs[0].log.segments[3].subtree: expected each subtree once, in increasing order, found subtree 0 after 4");
    }

    /// <summary>Before, merge dropped an option the kind of report does not read (and did not check its value).</summary>
    [Theory]
    [InlineData("--json", "bench kill")]
    [InlineData("--models-out", "fuzz", "m")]
    [InlineData("--traces-out", "fuzz", "")]
    public void An_option_the_reports_do_not_read_is_refused(string option, string reader, params string[] value)
    {
        var result = CliRunner.Run(["merge", _first, _second, "--out", _dir.Path, option, .. value]);
        CliRunner.AssertCleanError(result, $"{option}: only when merging reports of '{reader}'; {_first} is of 'test'");
    }
}
