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

    private string Edited(Action<JsonObject> edit)
    {
        var report = JsonNode.Parse(File.ReadAllText(_first))!.AsObject();
        edit(report["programs"]![0]!["log"]!["segments"]![0]!.AsObject());
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
}
