// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json.Nodes;
using MmuNotifier.Verification.Cli.Sharding;
using MmuNotifier.Verification.Engine.Testing.Sharding;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// The two shard reports of one small run, written to a temporary directory, and the edits that
/// tests of `merge` make to them: the input that merge must refuse at its place.
/// </summary>
internal sealed class ShardPair : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <param name="command">The sharded run without its --shard, --report and --out.</param>
    /// <param name="mayFindBugs">Whether exit 1 (a bug found) is an expected end of a shard.</param>
    public ShardPair(string[] command, bool mayFindBugs = false)
    {
        First = Shard(command, 0, mayFindBugs);
        Second = Shard(command, 1, mayFindBugs);
    }

    /// <summary>`test fault-vs-unmap`, 20 schedules, no shortening: the pair most tests of merge need.</summary>
    public static ShardPair OfTest() => new(["test", "fault-vs-unmap", "--iterations", "20", "--shorten", "0"]);

    public string First { get; }

    public string Second { get; }

    public string File(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();

    private string Shard(string[] command, int index, bool mayFindBugs)
    {
        var path = _dir.File($"s{index}.json");
        var result = CliRunner.Run([.. command, "--shard", $"{index}/2", "--report", path, "--out", _dir.Path]);
        Assert.True(result.ExitCode == 0 || (mayFindBugs && result.ExitCode == 1), result.ToString());
        return path;
    }

    /// <summary>The report at <paramref name="shard"/> edited, written as <paramref name="name"/>.</summary>
    public string Edited(string shard, string name, Action<JsonObject> edit)
    {
        var report = JsonNode.Parse(System.IO.File.ReadAllText(shard))!.AsObject();
        edit(report);
        var path = _dir.File(name);
        System.IO.File.WriteAllText(path, report.ToJsonString());
        return path;
    }

    /// <summary>
    /// The report at <paramref name="shard"/> edited, with the fingerprint its new settings and shard
    /// count have: anyone can recompute it, so merge must not rely on it to catch an edit.
    /// </summary>
    public string Forged(string shard, string name, Action<JsonObject> edit) => Edited(shard, name, report =>
    {
        edit(report);
        var settings = report["settings"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        var count = report["shard"]!["count"]!.GetValue<int>();
        report["fingerprint"] = new ShardReport(report["command"]!.GetValue<string>(), settings, new Shard(0, count), 0, false, []).Fingerprint;
    });

    public CliRunner.Result Merge(params string[] reports) => CliRunner.Run(["merge", .. reports, "--out", _dir.Path]);
}
