// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json.Nodes;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// The per-scenario results a `verify` sweep shard reports are not covered by the fingerprint;
/// merge reads them strictly and prints their text escaped, like any text of an input file.
/// </summary>
public sealed class VerifyShardResultTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _first;
    private readonly string _second;

    public VerifyShardResultTests()
    {
        _first = Shard(0);
        _second = Shard(1);
    }

    public void Dispose() => _dir.Dispose();

    private string Shard(int index)
    {
        var path = _dir.File($"v{index}.json");
        var result = CliRunner.Run("verify", "--max-executions", "1", "--shard", $"{index}/2", "--report", path, "--out", _dir.Path);
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        return path;
    }

    private CliRunner.Result MergeWith(string field, string value)
    {
        var report = JsonNode.Parse(File.ReadAllText(_first))!.AsObject();
        report["programs"]![0]!["result"]![field] = value;
        var path = _dir.File("edited.json");
        File.WriteAllText(path, report.ToJsonString());
        return CliRunner.Run("merge", path, _second);
    }

    /// <summary>Before, 99999999999 was cast to int and printed as 1215752191.</summary>
    [Fact]
    public void A_bug_count_past_an_int_is_refused()
    {
        var result = MergeWith("bugs", "99999999999");
        CliRunner.AssertCleanError(result, $"{_dir.File("edited.json")}: at $.programs[0].result.bugs: ");
        CliRunner.AssertCleanError(result, $"expected a whole number from 0 to {int.MaxValue}, found '99999999999'");
    }

    /// <summary>Before, the line break and the escape sequence reached stdout raw, breaking the table.</summary>
    [Fact]
    public void Control_characters_in_a_status_are_printed_escaped()
    {
        var result = MergeWith("status", "a\nb\u001b[31m");
        Assert.Contains("a\\nb\\u001b[31m", result.Out);
        Assert.DoesNotContain("\u001b", result.Out);
    }
}
