// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MmuNotifier.Verification.Cli.Tests.Snapshots;

/// <summary>
/// Issue 12, item 4: the JSON of `bench --json` as a snapshot, its shape and its counted figures
/// (iterations, steps), with what a clock, the machine or the release decides (seconds, rates, the speedup and its machine ceiling,
/// the processor count, the version) replaced by a placeholder.
/// </summary>
public sealed class BenchJsonSnapshotTests
{
    private static readonly string[] MachineDependent = ["second", "speedup", "scaling", "processorcount", "engineversion"];

    [Fact]
    public void Bench_json_without_timings()
    {
        var result = CliRunner.Run("bench", "--json", "--runs", "1", "--iterations", "200");
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(result.Out)!;
        OutputSnapshot.Match(Normalize(json).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonNode Normalize(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue && MachineDependent.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase)))
                        obj[name] = "varies";
                    else if (value is not null)
                        Normalize(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                    if (item is not null) Normalize(item);
                break;
        }

        return node;
    }
}
