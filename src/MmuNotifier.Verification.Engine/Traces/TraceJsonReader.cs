// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Reads and validates formatVersion 1 JSON into a <see cref="Trace"/>. The format version is
/// checked first (it decides how to read the rest), then the engine version (a trace from another
/// model version would diverge on replay, so it is refused up front), then every field.
/// </summary>
internal static class TraceJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
        // Two "decisions" keys must not quietly mean the last one.
        AllowDuplicateProperties = false,
    };

    public static Trace Read(string json, string file)
    {
        using var document = Parse(json, file);
        var read = new JsonFieldReader(file);
        var root = document.RootElement;
        read.RequireObject(root, "$");

        var formatVersion = read.RequiredInteger(root, TraceFields.FormatVersion, "$", min: int.MinValue, max: int.MaxValue);
        if (formatVersion != Trace.CurrentFormatVersion)
            throw read.Error("$.formatVersion", $"unknown formatVersion {formatVersion}; this build reads formatVersion {Trace.CurrentFormatVersion}");

        var engineVersion = read.RequiredString(root, TraceFields.EngineVersion, "$");
        if (engineVersion != EngineInfo.Version)
        {
            throw read.Error(
                "$.engineVersion",
                $"trace from another model version: recorded by engine {engineVersion}, this build is {EngineInfo.Version}; expected \"{EngineInfo.Version}\" (re-record the trace with this build)");
        }

        read.RejectUnknown(root, "$", TraceFields.TopLevel);
        return new Trace
        {
            FormatVersion = (int)formatVersion,
            EngineVersion = engineVersion,
            Subject = ReadSubject(read, read.Required(root, TraceFields.Subject, "$")),
            Defects = ReadDefects(read, read.Required(root, TraceFields.Defects, "$")),
            Strategy = read.RequiredString(root, TraceFields.Strategy, "$"),
            Seed = read.RequiredUInt64(root, TraceFields.Seed, "$"),
            Iteration = read.RequiredInteger(root, TraceFields.Iteration, "$"),
            // 0 is accepted: a Trace built without a bound (the record's default) must still round-trip.
            MaxSteps = (int)read.RequiredInteger(root, TraceFields.MaxSteps, "$", min: 0, max: int.MaxValue),
            Decisions = ReadDecisions(read, read.Required(root, TraceFields.Decisions, "$")),
            Bug = ReadBug(read, read.Required(root, TraceFields.Bug, "$")),
        };
    }

    private static JsonDocument Parse(string json, string file)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            // JsonException counts from 0; people count lines and columns from 1.
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new TraceFormatException(file, $"line {line}, column {column}", $"malformed JSON, expected a trace object ({FirstSentence(e.Message)})", e);
        }
    }

    private static TraceSubject ReadSubject(JsonFieldReader read, JsonElement subject)
    {
        const string path = "$.subject";
        read.RequireObject(subject, path);
        read.RejectUnknown(subject, path, TraceFields.SubjectFields);
        return new TraceSubject(
            read.RequiredString(subject, TraceFields.SubjectKind, path),
            read.RequiredString(subject, TraceFields.SubjectName, path),
            read.OptionalString(subject, TraceFields.SubjectContentHash, path),
            read.OptionalString(subject, TraceFields.SubjectPath, path));
    }

    private static List<string> ReadDefects(JsonFieldReader read, JsonElement defects)
    {
        if (defects.ValueKind != JsonValueKind.Array)
            throw read.Error("$.defects", $"expected an array of defect names, found {JsonFieldReader.Describe(defects)}");
        var names = new List<string>();
        foreach (var item in defects.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } name)
                throw read.Error($"$.defects[{names.Count}]", $"expected a defect name (non-empty string), found {JsonFieldReader.Describe(item)}");
            names.Add(name);
        }

        return names;
    }

    private static List<Decision> ReadDecisions(JsonFieldReader read, JsonElement decisions)
    {
        if (decisions.ValueKind != JsonValueKind.String)
            throw read.Error("$.decisions", $"expected a string of decisions such as \"t0 t1 c0\", found {JsonFieldReader.Describe(decisions)}");
        if (!DecisionText.TryParse(decisions.GetString()!, out var list, out var badIndex, out var badToken))
            throw read.Error($"$.decisions[{badIndex}]", $"expected a decision tN (thread N) or cN (choice value N), found \"{badToken}\"");
        return list;
    }

    private static Bug? ReadBug(JsonFieldReader read, JsonElement bug)
    {
        const string path = "$.bug";
        if (bug.ValueKind == JsonValueKind.Null) return null;
        read.RequireObject(bug, path);
        read.RejectUnknown(bug, path, TraceFields.BugFields);
        return new Bug(
            read.RequiredEnum<BugKind>(bug, TraceFields.BugKind, path),
            read.RequiredString(bug, TraceFields.BugMessage, path, allowEmpty: true),
            (int)read.RequiredInteger(bug, TraceFields.BugStep, path, min: 0, max: int.MaxValue),
            read.RequiredString(bug, TraceFields.BugThread, path, allowEmpty: true),
            read.OptionalString(bug, TraceFields.BugInvariant, path),
            read.RequiredEnum<BugComponent>(bug, TraceFields.BugComponent, path));
    }

    private static string FirstSentence(string message)
    {
        // The reader appends its own position ("LineNumber: 1 | BytePositionInLine: 0" or " Path: ...");
        // the place is already in our message, in 1-based terms.
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }

        return message.TrimEnd('.', ' ');
    }
}
