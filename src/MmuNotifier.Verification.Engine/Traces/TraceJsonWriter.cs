// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using System.Text.Json;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Writes a <see cref="Trace"/> as formatVersion 1 JSON. Written field by field rather than by
/// reflection so the order of fields is fixed, nulls are left out and the bytes are identical for
/// identical traces on every platform (same seed ⇒ byte-identical trace, design.md §6).
/// </summary>
internal static class TraceJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Fixed "\n" rather than Environment.NewLine: a trace written on Windows diffs clean on Linux.
        NewLine = "\n",
        // Kernel names such as "sub[mirrorA]" and "->" stay readable instead of \u-escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Trace trace)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber(TraceFields.FormatVersion, trace.FormatVersion);
            json.WriteString(TraceFields.EngineVersion, trace.EngineVersion);
            WriteSubject(json, trace.Subject);
            json.WriteStartArray(TraceFields.Defects);
            foreach (var defect in trace.Defects) json.WriteStringValue(defect);
            json.WriteEndArray();
            json.WriteString(TraceFields.Strategy, trace.Strategy);
            json.WriteNumber(TraceFields.Seed, trace.Seed);
            json.WriteNumber(TraceFields.Iteration, trace.Iteration);
            json.WriteNumber(TraceFields.MaxSteps, trace.MaxSteps);
            if (trace.MemoryModel != Abstractions.MemoryModel.Sc) json.WriteString(TraceFields.MemoryModel, Abstractions.MemoryModelNames.Name(trace.MemoryModel));
            json.WriteString(TraceFields.Decisions, DecisionText.Format(trace.Decisions));
            // Written only when set, so traces of the default settings keep their bytes.
            if (trace.SpawnPoint) json.WriteBoolean(TraceFields.SpawnPoint, true);
            if (trace.LivenessThreshold is { } threshold) json.WriteNumber(TraceFields.LivenessThreshold, threshold);
            if (trace.Bug is { } bug) WriteBug(json, bug);
            else json.WriteNull(TraceFields.Bug);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteSubject(Utf8JsonWriter json, TraceSubject subject)
    {
        json.WriteStartObject(TraceFields.Subject);
        json.WriteString(TraceFields.SubjectKind, subject.Kind);
        json.WriteString(TraceFields.SubjectName, subject.Name);
        if (subject.ContentHash is not null) json.WriteString(TraceFields.SubjectContentHash, subject.ContentHash);
        if (subject.Path is not null) json.WriteString(TraceFields.SubjectPath, subject.Path);
        json.WriteEndObject();
    }

    private static void WriteBug(Utf8JsonWriter json, Bug bug)
    {
        json.WriteStartObject(TraceFields.Bug);
        // Enums as their C# names: the same words the CLI prints and Bug.Title uses.
        json.WriteString(TraceFields.BugKind, bug.Kind.ToString());
        json.WriteString(TraceFields.BugMessage, bug.Message);
        json.WriteNumber(TraceFields.BugStep, bug.Step);
        json.WriteString(TraceFields.BugThread, bug.Thread);
        if (bug.Invariant is not null) json.WriteString(TraceFields.BugInvariant, bug.Invariant);
        json.WriteString(TraceFields.BugComponent, bug.Component.ToString());
        json.WriteEndObject();
    }
}
