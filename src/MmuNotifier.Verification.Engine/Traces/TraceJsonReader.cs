// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Json;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Reads and validates formatVersion 1 JSON into a <see cref="Trace"/>. The format version is
/// checked first (it decides how to read the rest), then the engine version (a trace from another
/// model version would diverge on replay, so it is refused up front), then every field.
/// </summary>
internal static class TraceJsonReader
{
    public static Trace Read(ReadOnlyMemory<byte> utf8, string file)
    {
        // Strict JSON: traces are written by TraceJsonWriter, never by hand.
        var root = JsonValue.Parse(utf8, file).AsObject();

        var formatVersionValue = root.Required(TraceFields.FormatVersion);
        var formatVersion = formatVersionValue.AsInt32();
        if (formatVersion != Trace.CurrentFormatVersion)
            throw formatVersionValue.Error($"unknown formatVersion {formatVersion}; this build reads formatVersion {Trace.CurrentFormatVersion}");

        var engineVersionValue = root.Required(TraceFields.EngineVersion);
        var engineVersion = engineVersionValue.AsNonEmptyString();
        if (engineVersion != EngineInfo.Version)
        {
            throw engineVersionValue.Error(
                $"trace from another model version: recorded by engine {engineVersion}, this build is {EngineInfo.Version}; expected \"{EngineInfo.Version}\" (re-record the trace with this build)");
        }

        root.RejectUnknown(TraceFields.TopLevel);
        return new Trace
        {
            FormatVersion = formatVersion,
            EngineVersion = engineVersion,
            Subject = ReadSubject(root.Required(TraceFields.Subject)),
            Defects = ReadDefects(root.Required(TraceFields.Defects)),
            Strategy = ReadStrategy(root.Required(TraceFields.Strategy)),
            Seed = root.Required(TraceFields.Seed).AsUInt64(),
            Iteration = root.Required(TraceFields.Iteration).AsInteger(min: 0),
            // 0 is accepted: a Trace built without a bound (the record's default) must still round-trip.
            MaxSteps = root.Required(TraceFields.MaxSteps).AsInt32(min: 0),
            MemoryModel = root[TraceFields.MemoryModel] is { } model
                ? Abstractions.MemoryModelNames.Parse(model.AsOneOf(Abstractions.MemoryModelNames.All))!.Value
                : Abstractions.MemoryModel.Sc,
            Decisions = ReadDecisions(root.Required(TraceFields.Decisions)),
            SpawnPoint = root[TraceFields.SpawnPoint]?.AsBool() ?? false,
            LivenessThreshold = root[TraceFields.LivenessThreshold]?.AsInt32(min: 1),
            Bug = ReadBug(root.Required(TraceFields.Bug)),
        };
    }

    private static TraceSubject ReadSubject(JsonValue subject)
    {
        subject.AsObject(TraceFields.SubjectFields);
        return new TraceSubject(
            subject.Required(TraceFields.SubjectKind).AsNonEmptyString(),
            subject.Required(TraceFields.SubjectName).AsNonEmptyString(),
            ReadContentHash(subject[TraceFields.SubjectContentHash]),
            subject[TraceFields.SubjectPath] is { Kind: not JsonValueKind.Null } path ? path.AsNonEmptyString() : null);
    }

    /// <summary>A SHA-256 in hex, so a malformed one is called malformed rather than "changed".</summary>
    private static string? ReadContentHash(JsonValue? node)
    {
        if (node?.AsStringOrNull() is not { } hash) return null;
        return hash.Length == 64 && hash.All(char.IsAsciiHexDigit)
            ? hash
            : throw node.Error($"expected a SHA-256 of 64 hex digits, found {node.Describe()}");
    }

    private static string ReadStrategy(JsonValue node)
    {
        var name = node.AsNonEmptyString();
        return StrategyRegistry.Names.Contains(name)
            ? name
            : throw node.Error($"expected a strategy name ({string.Join(", ", StrategyRegistry.Names)}), found {node.Describe()}");
    }

    private static List<string> ReadDefects(JsonValue defects)
    {
        if (defects.Kind != JsonValueKind.Array)
            throw defects.Error($"expected an array of defect names, found {defects.Describe()}");
        var names = new List<string>();
        foreach (var item in defects.Items)
        {
            if (item.Kind != JsonValueKind.String || item.AsString() is not { Length: > 0 } name)
                throw item.Error($"expected a defect name (non-empty string), found {item.Describe()}");
            // One spelling per run: a recording run lists each defect once.
            if (names.Contains(name, StringComparer.Ordinal)) throw item.Error($"each defect once; '{name}' is given twice");
            names.Add(name);
        }

        return names;
    }

    private static List<Decision> ReadDecisions(JsonValue decisions)
    {
        if (decisions.Kind != JsonValueKind.String)
            throw decisions.Error($"expected a string of decisions such as \"t0 t1 c0\", found {decisions.Describe()}");
        if (!DecisionText.TryParse(decisions.AsString(), out var list, out var badIndex, out var badToken))
            throw decisions.Error(badToken.Length == 0
                ? "expected decisions separated by single spaces, found an extra space (or one at either end)"
                : $"expected a decision tN (thread N) or cN (choice value N), found \"{badToken}\"", JsonPath.Index(decisions.Path, badIndex));
        return list;
    }

    private static Bug? ReadBug(JsonValue bug)
    {
        if (bug.Kind == JsonValueKind.Null) return null;
        bug.AsObject(TraceFields.BugFields);
        return new Bug(
            bug.Required(TraceFields.BugKind).AsEnum<BugKind>(),
            bug.Required(TraceFields.BugMessage).AsString(),
            bug.Required(TraceFields.BugStep).AsInt32(min: 0),
            bug.Required(TraceFields.BugThread).AsNonEmptyString(),
            bug[TraceFields.BugInvariant]?.AsStringOrNull(),
            bug.Required(TraceFields.BugComponent).AsEnum<BugComponent>());
    }
}
