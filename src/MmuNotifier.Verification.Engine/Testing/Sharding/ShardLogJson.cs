// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Json;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing.Sharding;

/// <summary>
/// A <see cref="ShardLog"/> as a JSON object inside a shard report (docs/scale-out.md). Runs are
/// <c>[number, steps, hash]</c> triples; each finding keeps its trace (the trace format's text,
/// as a string) so the merge can replay it for its steps. Reading checks every field and fails
/// with a <see cref="JsonFormatException"/> naming the place.
/// </summary>
public static class ShardLogJson
{
    private static readonly string[] Fields = ["shard", "subtreeCount", "segments"];
    private static readonly string[] ShardFields = ["index", "count"];

    private static readonly string[] SegmentFields =
        ["subtree", "exhausted", "runs", "findings", "stepBoundRuns", "bugs", "stepBoundHits", "lockDependencies"];

    private static readonly string[] DependencyFields =
        ["schedule", "fromKey", "fromName", "toKey", "toName", "thread", "heldName", "heldStep", "acquiredName", "step"];

    public static void Write(Utf8JsonWriter json, ShardLog log)
    {
        json.WriteStartObject();
        json.WriteStartObject("shard");
        json.WriteNumber("index", log.Shard.Index);
        json.WriteNumber("count", log.Shard.Count);
        json.WriteEndObject();
        json.WriteNumber("subtreeCount", log.SubtreeCount);
        json.WriteStartArray("segments");
        foreach (var (subtree, segment) in log.Segments) WriteSegment(json, subtree, segment);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSegment(Utf8JsonWriter json, int subtree, ScheduleLog log)
    {
        json.WriteStartObject();
        json.WriteNumber("subtree", subtree);
        json.WriteBoolean("exhausted", log.Exhausted);
        json.WriteStartArray("runs");
        foreach (var (number, steps, hash) in log.Runs)
        {
            json.WriteStartArray();
            json.WriteNumberValue(number);
            json.WriteNumberValue(steps);
            json.WriteNumberValue(hash);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        WriteNumbers(json, "findings", log.Findings);
        WriteNumbers(json, "stepBoundRuns", log.StepBoundRuns);
        WriteTraces(json, "bugs", log.Bugs);
        WriteTraces(json, "stepBoundHits", log.StepBoundHits);
        json.WriteStartArray("lockDependencies");
        foreach (var (number, d) in log.LockDependencies)
        {
            json.WriteStartObject();
            json.WriteNumber("schedule", number);
            json.WriteString("fromKey", d.From.Key);
            json.WriteString("fromName", d.From.Name);
            json.WriteString("toKey", d.To.Key);
            json.WriteString("toName", d.To.Name);
            json.WriteString("thread", d.Thread);
            json.WriteString("heldName", d.HeldName);
            json.WriteNumber("heldStep", d.HeldStep);
            json.WriteString("acquiredName", d.AcquiredName);
            json.WriteNumber("step", d.Step);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IEnumerable<long> numbers)
    {
        json.WriteStartArray(name);
        foreach (var number in numbers) json.WriteNumberValue(number);
        json.WriteEndArray();
    }

    private static void WriteTraces(Utf8JsonWriter json, string name, IEnumerable<BugReport> reports)
    {
        json.WriteStartArray(name);
        foreach (var report in reports) json.WriteStringValue(TraceFile.ToJson(report.Trace));
        json.WriteEndArray();
    }

    /// <summary>
    /// A log read back; <paramref name="expected"/>, when given, is the shard of the report that
    /// holds it, which the log's own shard must be (else its schedules would be judged against
    /// another shard's share and refused with a message about the schedules, not the shard).
    /// </summary>
    /// <exception cref="JsonFormatException">The value is not a shard log, or not of <paramref name="expected"/>.</exception>
    public static ShardLog Read(JsonValue value, Shard? expected = null)
    {
        value.AsObject(Fields);
        var shardValue = value.Required("shard").AsObject(ShardFields);
        var count = shardValue.Required("count").AsInt32(min: 1);
        var index = shardValue.Required("index").AsInt32(min: 0, max: count - 1);
        var subtreeCount = value.Required("subtreeCount").AsInt32(min: 0);
        var shard = new Shard(index, count);
        if (expected is { } report && report != shard)
            throw shardValue.Error($"expected the shard of the report that holds this log, {report}, found {shard}");
        var segmentsValue = value.Required("segments");
        var segments = segmentsValue.AsArray()
            .Select(s => ReadSegment(s, shard, subtreeCount))
            .ToList();
        RequireSegmentsOnce(segmentsValue, segments, subtreeCount);
        return new ShardLog(shard, subtreeCount, segments);
    }

    /// <summary>
    /// The merge adds up what the segments ran, so a segment given twice (or a seeded log without
    /// its one segment) would change the counts instead of being noticed: a seeded log has exactly
    /// one segment, a DFS log each of its subtrees at most once, in order, as they are written.
    /// </summary>
    private static void RequireSegmentsOnce(JsonValue value, List<(int Subtree, ScheduleLog Log)> segments, int subtreeCount)
    {
        if (subtreeCount == 0)
        {
            if (segments.Count != 1) throw value.Error($"expected the one segment of a seeded strategy's log, found {segments.Count}");
            return;
        }

        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].Subtree <= segments[i - 1].Subtree)
                throw value.Items[i].Required("subtree").Error($"expected each subtree once, in increasing order, found subtree {segments[i].Subtree} after {segments[i - 1].Subtree}");
        }
    }

    private static (int Subtree, ScheduleLog Log) ReadSegment(JsonValue value, Shard shard, int subtreeCount)
    {
        value.AsObject(SegmentFields);
        var subtreeValue = value.Required("subtree");
        var subtree = subtreeCount == 0 ? subtreeValue.AsInt32(min: -1, max: -1) : subtreeValue.AsInt32(min: 0, max: subtreeCount - 1);
        if (subtreeCount > 0 && !shard.Owns(subtree)) throw subtreeValue.Error($"expected a subtree of shard {shard}, found subtree {subtree}");
        var runs = value.Required("runs").AsArray().Select(ReadRun).ToList();
        // Seeded segments are numbered like the single run: each number must be this shard's.
        if (subtreeCount == 0 && runs.FindIndex(r => !shard.Owns(r.Number)) is var stray and >= 0)
            throw value.Required("runs").Items[stray].Error($"expected a schedule of shard {shard}, found schedule {runs[stray].Number}");
        // Each schedule ran once: a number given twice would be counted twice by the merge.
        var numbers = new HashSet<long>();
        if (runs.FindIndex(r => !numbers.Add(r.Number)) is var again and >= 0)
            throw value.Required("runs").Items[again].Error($"expected each schedule once, found schedule {runs[again].Number} again");
        // Findings and step-bound cuts are schedules of this segment, and each kept trace is one of them.
        var findings = ScheduleNumbers(value.Required("findings"), numbers);
        var stepBoundRuns = ScheduleNumbers(value.Required("stepBoundRuns"), numbers);
        var bugsValue = value.Required("bugs");
        var bugs = Traces(bugsValue, findings, "findings");
        // A seeded shard keeps the report of its lowest finding (ReportQuota): a log without it was edited.
        if (subtreeCount == 0 && findings.Count > 0 && !bugs.Exists(b => b.Trace.Iteration == findings.Min()))
            throw bugsValue.Error($"expected the trace of the first finding, schedule {findings.Min()}, found none");
        var log = ScheduleLog.Restore(
            runs,
            findings,
            bugs,
            Traces(value.Required("stepBoundHits"), stepBoundRuns, "stepBoundRuns"),
            stepBoundRuns,
            value.Required("lockDependencies").AsArray().Select(ReadDependency).ToList(),
            value.Required("exhausted").AsBool());
        return (subtree, log);
    }

    private static List<long> ScheduleNumbers(JsonValue value, HashSet<long> runs) => value.AsArray().Select(item =>
    {
        var number = item.AsInteger(min: 0);
        return runs.Contains(number) ? number : throw item.Error($"expected the number of a schedule in this segment's runs, found {number}");
    }).ToList();

    private static (long Number, int Steps, ulong Hash) ReadRun(JsonValue value)
    {
        var items = value.AsArray();
        if (items.Count != 3) throw value.Error($"expected [number, steps, hash], found an array of {items.Count}");
        return (items[0].AsInteger(min: 0), items[1].AsInt32(min: 0), items[2].AsUInt64());
    }

    /// <summary>The traces of <paramref name="value"/>, each of a different schedule of <paramref name="schedules"/>.</summary>
    private static List<BugReport> Traces(JsonValue value, List<long> schedules, string field)
    {
        var seen = new HashSet<long>();
        return value.AsArray().Select(item =>
        {
            var report = Trace(item);
            var iteration = report.Trace.Iteration;
            if (!schedules.Contains(iteration) || !seen.Add(iteration))
                throw item.Error($"expected the trace of a schedule in this segment's {field}, each once, found one of schedule {iteration}");
            return report;
        }).ToList();
    }

    private static BugReport Trace(JsonValue item)
    {
        var trace = TraceFile.Parse(item.AsNonEmptyString(), $"{item.File} at {item.Path}");
        var bug = trace.Bug ?? throw item.Error("expected the trace of a finding, found one without a bug");
        // Steps and the run's other bugs are not stored: the merge replays the findings it keeps.
        return new BugReport(bug, [bug], trace, []);
    }

    private static (long Number, LockDependency Dependency) ReadDependency(JsonValue value)
    {
        value.AsObject(DependencyFields);
        string Text(string name) => value.Required(name).AsNonEmptyString();
        var dependency = new LockDependency(
            new LockClass(0, Text("fromKey"), Text("fromName")),
            new LockClass(0, Text("toKey"), Text("toName")),
            Text("thread"), Text("heldName"), value.Required("heldStep").AsInt32(min: 0), Text("acquiredName"),
            value.Required("step").AsInt32(min: 0));
        return (value.Required("schedule").AsInteger(min: 0), dependency);
    }
}
