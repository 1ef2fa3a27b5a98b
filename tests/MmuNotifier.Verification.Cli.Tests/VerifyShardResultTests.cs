// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json.Nodes;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// The per-scenario results a `verify` sweep shard reports are not covered by the fingerprint;
/// merge reads them strictly and prints their text escaped, like any text of an input file.
/// </summary>
public sealed class VerifyShardResultTests : IDisposable
{
    private readonly ShardPair _shards = new(["verify", "--max-executions", "1"], mayFindBugs: true);

    public void Dispose() => _shards.Dispose();

    private CliRunner.Result MergeWith(string field, string value) =>
        CliRunner.Run("merge", _shards.Edited(_shards.First, "edited.json", report => report["programs"]![0]!["result"]![field] = value), _shards.Second);

    /// <summary>Before, 99999999999 was cast to int and printed as 1215752191.</summary>
    [Fact]
    public void A_bug_count_past_an_int_is_refused()
    {
        var result = MergeWith("bugs", "99999999999");
        CliRunner.AssertCleanError(result, $"{_shards.File("edited.json")}: at $.programs[0].result.bugs: ");
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
