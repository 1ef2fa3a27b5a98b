// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Text;
using System.Text.Json;
using MmuNotifier.Verification.Engine;
using MmuNotifier.Verification.Engine.IO;
using MmuNotifier.Verification.Engine.Json;
using MmuNotifier.Verification.Engine.Testing.Sharding;

namespace MmuNotifier.Verification.Cli.Sharding;

/// <summary>
/// Writes and reads <see cref="ShardReport"/>s as versioned JSON (formatVersion 1). Written
/// through <see cref="AtomicFile"/>; read through the JSON layer, so every mistake in a report
/// is one line naming the file, the place and what was expected.
/// </summary>
internal static class ShardReportFile
{
    /// <summary>A report holds every schedule's number, size and hash: larger than a trace may be.</summary>
    private const int MaxBytes = 512 * 1024 * 1024;

    private static readonly string[] Fields =
        ["formatVersion", "kind", "engineVersion", "command", "fingerprint", "shard", "exitCode", "interrupted", "settings", "programs"];

    private static readonly string[] ProgramFields = ["name", "contentHash", "seconds", "log", "result"];

    public static void Save(string path, ShardReport report) => AtomicFile.WriteAllText(path, ToJson(report));

    public static string ToJson(ShardReport report)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", ShardReport.CurrentFormatVersion);
            json.WriteString("kind", ShardReport.Kind);
            json.WriteString("engineVersion", EngineInfo.Version);
            json.WriteString("command", report.Command);
            json.WriteString("fingerprint", report.Fingerprint);
            json.WriteStartObject("shard");
            json.WriteNumber("index", report.Shard.Index);
            json.WriteNumber("count", report.Shard.Count);
            json.WriteEndObject();
            json.WriteNumber("exitCode", report.ExitCode);
            json.WriteBoolean("interrupted", report.Interrupted);
            json.WriteStartObject("settings");
            foreach (var (name, value) in report.Settings.OrderBy(s => s.Key, StringComparer.Ordinal)) json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteStartArray("programs");
            foreach (var program in report.Programs) WriteProgram(json, program);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteProgram(Utf8JsonWriter json, ShardProgram program)
    {
        json.WriteStartObject();
        json.WriteString("name", program.Name);
        if (program.ContentHash is null) json.WriteNull("contentHash");
        else json.WriteString("contentHash", program.ContentHash);
        json.WriteNumber("seconds", Math.Round(program.Seconds, 3));
        if (program.Log is { } log)
        {
            json.WritePropertyName("log");
            ShardLogJson.Write(json, log);
        }

        if (program.Result is { } result)
        {
            json.WriteStartObject("result");
            foreach (var (name, value) in result) json.WriteString(name, value);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <exception cref="JsonFormatException">The file is missing, unreadable or not a shard report.</exception>
    public static ShardReport Load(string path)
    {
        var root = JsonValue.Parse(JsonFile.ReadBytes(path, "shard report", MaxBytes), path).AsObject();
        var version = root.Required("formatVersion");
        if (version.AsInt32() != ShardReport.CurrentFormatVersion)
            throw version.Error($"expected formatVersion {ShardReport.CurrentFormatVersion}, found {version.Describe()}");
        var kind = root.Required("kind");
        if (kind.AsString() != ShardReport.Kind) throw kind.Error($"expected \"{ShardReport.Kind}\", found {kind.Describe()}");
        var engine = root.Required("engineVersion");
        if (engine.AsString() != EngineInfo.Version)
            throw engine.Error($"expected a report of engine {EngineInfo.Version} (this build), found {engine.Describe()}: re-run the shard with this build");
        root.RejectUnknown(Fields);
        var shardValue = root.Required("shard").AsObject(["index", "count"]);
        var count = shardValue.Required("count").AsInt32(min: 1);
        var shard = new Shard(shardValue.Required("index").AsInt32(min: 0, max: count - 1), count);
        var report = new ShardReport(
            root.Required("command").AsNonEmptyString(),
            root.Required("settings").AsObject().Members.ToDictionary(m => m.Key, m => m.Value.AsString()),
            shard,
            root.Required("exitCode").AsInt32(min: 0, max: 255),
            root.Required("interrupted").AsBool(),
            root.Required("programs").AsArray().Select(p => ReadProgram(p, shard)).ToList(),
            path);
        var fingerprint = root.Required("fingerprint");
        if (fingerprint.AsString() != report.Fingerprint)
            throw fingerprint.Error("expected the fingerprint of the settings in this file, found another (the file was edited)");
        return report;
    }

    private static ShardProgram ReadProgram(JsonValue value, Shard shard)
    {
        value.AsObject(ProgramFields);
        return new ShardProgram(
            value.Required("name").AsNonEmptyString(),
            value.Required("contentHash").AsStringOrNull(),
            // The bound of --timeout: 1e308 seconds passed this check and overflowed the merge's TimeSpan (an internal error).
            value.Required("seconds").AsNumber(0, Commands.OptionChecks.MaxSeconds),
            value["log"] is { } log ? ShardLogJson.Read(log, shard) : null,
            value["result"]?.AsObject().Members.ToDictionary(m => m.Key, m => m.Value.AsString()));
    }
}
