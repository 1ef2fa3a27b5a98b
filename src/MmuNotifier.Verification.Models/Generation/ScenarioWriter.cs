// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Text;
using System.Text.Json;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// Writes a scenario in the documented file format (docs/scenario-format.md), one operation
/// object per line as the hand-written models/ files do, so a shrunk counterexample reads like
/// them. Strict JSON (no comments, no trailing commas); defaults are left out. The output
/// parses back with <see cref="ScenarioParser"/> into the same scenario (see ScenarioValidation).
/// </summary>
public static class ScenarioWriter
{
    public static string ToJson(Scenario scenario)
    {
        var json = new StringBuilder();
        json.Append("{\n");
        Field(json, "name", Str(scenario.Name), last: false);
        if (scenario.Description.Length > 0) Field(json, "description", Str(scenario.Description), last: false);
        Field(json, "pages", Int(scenario.Pages), last: false);
        json.Append("  \"subscriptions\": [");
        json.Append(scenario.Subscriptions.Count == 0 ? "" : "\n");
        json.Append(string.Join(",\n", scenario.Subscriptions.Select(s => "    " + Subscription(s, scenario.Pages))));
        json.Append(scenario.Subscriptions.Count == 0 ? "],\n" : "\n  ],\n");
        json.Append("  \"threads\": [\n");
        json.Append(string.Join(",\n", scenario.Threads.Select(Thread)));
        json.Append("\n  ]");
        var faults = scenario.Faults;
        if (faults != new FaultInjection())
        {
            json.Append(",\n");
            json.Append($"  \"faults\": {{ \"allocation\": {Bool(faults.Allocation)}, \"takeAllLocks\": {Bool(faults.TakeAllLocks)}, \"trylock\": {Bool(faults.Trylock)} }}");
        }

        if (scenario.Expect is { } expect)
        {
            json.Append(",\n");
            json.Append($"  \"expect\": {{ \"bug\": {Str(expect.Kind)}{(expect.Invariant is null ? "" : $", \"invariant\": {Str(expect.Invariant)}")} }}");
        }

        json.Append("\n}\n");
        return json.ToString();
    }

    /// <summary>Writes the scenario's JSON to <paramref name="path"/> (UTF-8, no BOM, whole or not at all), creating the directory.</summary>
    public static void Save(Scenario scenario, string path) => Engine.IO.AtomicFile.WriteAllText(path, ToJson(scenario));

    private static string Subscription(SubscriptionSpec spec, int pages)
    {
        var fields = new List<string> { $"\"name\": {Str(spec.Name)}", $"\"user\": {Str(spec.User)}" };
        // Only interval users have a range; the hlist users always cover the whole mm.
        if (UserModels.Of(spec).Api == UserApi.Interval && (spec.FirstPage != 0 || spec.PageCount != pages))
        {
            fields.Add($"\"page\": {Int(spec.FirstPage)}");
            fields.Add($"\"pages\": {Int(spec.PageCount)}");
        }

        if (!spec.AtSetup) fields.Add("\"setup\": false");
        if (spec.FailsBlockable) fields.Add("\"invalidate\": \"fails-blockable\"");
        return "{ " + string.Join(", ", fields) + " }";
    }

    private static string Thread(ThreadSpec thread) =>
        $"    {{ \"name\": {Str(thread.Name)}, \"ops\": [\n" +
        string.Join(",\n", thread.Ops.Select(op => "      " + Op(op))) +
        "\n    ] }";

    private static string Op(OpSpec op)
    {
        var fields = new List<string> { $"\"op\": {Str(OpNames.Of(op.Kind))}" };
        if (op.Sub is not null) fields.Add($"\"sub\": {Str(op.Sub)}");
        if (op.Page != 0) fields.Add($"\"page\": {Int(op.Page)}");
        if (op.PageCount != 1) fields.Add($"\"pages\": {Int(op.PageCount)}");
        if (op.Start is { } start) fields.Add($"\"start\": {Address(start)}");
        if (op.Length is { } length) fields.Add($"\"length\": {Address(length)}");
        if (op.Expect is { } expect) fields.Add($"\"expect\": {Str(ScenarioNames.Errno(expect))}");
        return "{ " + string.Join(", ", fields) + " }";
    }

    private static void Field(StringBuilder json, string name, string value, bool last) =>
        json.Append($"  \"{name}\": {value}{(last ? "" : ",")}\n");

    private static string Str(string text) => JsonSerializer.Serialize(text);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Addresses above what a double holds exactly are written as "0x..." strings, as the format allows.</summary>
    private static string Address(ulong value) =>
        value <= (1UL << 53) ? value.ToString(CultureInfo.InvariantCulture) : $"\"0x{value:x}\"";
}
