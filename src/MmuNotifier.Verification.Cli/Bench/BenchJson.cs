// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;

namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>`bench --json`: one camelCase JSON object, for scripts that track the figures over time.</summary>
internal static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Write(BenchResult result) => JsonSerializer.Serialize(result, Options);
}
