// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json.Nodes;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Every refusal of `merge` names the report it comes from and the place in it, also when the
/// check behind it knows nothing of reports: the program catalogue ("unknown program 'x'", as if
/// typed on the command line), the count of programs ("merge: the reports hold 0 programs ...")
/// and the engine's merge of logs ("merge: fault-vs-unmap: shard 0/2 holds schedule ...").
/// </summary>
public sealed class MergeErrorPlaceTests : IDisposable
{
    private readonly ShardPair _shards = ShardPair.OfTest();

    public void Dispose() => _shards.Dispose();

    private string Edited(string shard, string name, Action<JsonObject> edit) => _shards.Forged(shard, name, edit);

    private CliRunner.Result Merge(params string[] reports) => _shards.Merge(reports);

    [Fact]
    public void An_unknown_program_in_the_settings_names_the_report()
    {
        Action<JsonObject> edit = r => r["settings"]!["program"] = "no-such-program";
        var first = Edited(_shards.First, "f0.json", edit);
        var result = Merge(first, Edited(_shards.Second, "f1.json", edit));
        CliRunner.AssertCleanError(result, $"{first}: at $.settings.program: unknown program 'no-such-program'");
    }

    [Fact]
    public void A_report_without_its_programs_names_the_report()
    {
        var empty = Edited(_shards.First, "f0.json", r => r["programs"] = new JsonArray());
        CliRunner.AssertCleanError(Merge(empty, _shards.Second),
            $"{empty}: at $.programs: expected 1 program (as this checkout lists them for these settings), found 0");
        // The second report, too: before, only the first one's count was compared.
        var second = Edited(_shards.Second, "f1.json", r => r["programs"] = new JsonArray());
        CliRunner.AssertCleanError(Merge(_shards.First, second), $"{second}: at $.programs: expected 1 program");
    }

    /// <summary>The engine's merge says which log is at fault; the message names its report and the run in it.</summary>
    [Fact]
    public void A_schedule_past_the_budget_names_the_report_and_the_run()
    {
        var second = Edited(_shards.Second, "f1.json", r =>
            r["programs"]![0]!["log"]!["segments"]![0]!["runs"]!.AsArray().Add(JsonNode.Parse("[100001, 6, 1]")));
        var runs = JsonNode.Parse(File.ReadAllText(_shards.Second))!["programs"]![0]!["log"]!["segments"]![0]!["runs"]!.AsArray().Count;
        CliRunner.AssertCleanError(Merge(_shards.First, second),
            $"{second}: at $.programs[0].log.segments[0].runs[{runs}]: shard 1/2 holds schedule 100001, but the run explores schedules 0 to 19 (iterations 20)");
    }

    [Fact]
    public void A_missing_shard_is_named_at_the_report_given()
    {
        CliRunner.AssertCleanError(Merge(_shards.First), $"{_shards.First}: at $.shard: missing shard 1/2 of the run this report is shard 0/2 of");
    }
}
