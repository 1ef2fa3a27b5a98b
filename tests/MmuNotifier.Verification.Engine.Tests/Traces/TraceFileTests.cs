// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Json;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Tests.Traces;

public sealed class TraceFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trace-file-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static Trace Sample(Bug? bug = null) => new()
    {
        Subject = new TraceSubject("sample", "racy-counter", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "models/x.json"),
        Defects = ["skip-seq-bump"],
        Strategy = "pct",
        Seed = ulong.MaxValue,
        Iteration = 17,
        MaxSteps = 500,
        Decisions = [Decision.Thread(0), Decision.Thread(1), Decision.Choice(1), Decision.Thread(12)],
        Bug = bug ?? new Bug(BugKind.InvariantViolation, "seq -> 3 while \"idle\"", 3, "cpu1", "odd-seq", BugComponent.Driver),
    };

    [Fact]
    public void Round_trips_every_field()
    {
        var path = Path.Combine(_dir, "nested", "t.json");
        var trace = Sample();
        TraceFile.Save(trace, path);
        var loaded = TraceFile.Load(path);

        Assert.Equal(trace.Subject, loaded.Subject);
        Assert.Equal(trace.Defects, loaded.Defects);
        Assert.Equal(trace.Strategy, loaded.Strategy);
        Assert.Equal(trace.Seed, loaded.Seed);
        Assert.Equal(trace.Iteration, loaded.Iteration);
        Assert.Equal(trace.MaxSteps, loaded.MaxSteps);
        Assert.Equal(trace.Decisions, loaded.Decisions);
        Assert.Equal(trace.Bug, loaded.Bug);
        Assert.Equal(EngineInfo.Version, loaded.EngineVersion);
    }

    [Fact]
    public void Round_trips_a_clean_run_and_a_minimal_subject()
    {
        var trace = Sample() with { Bug = null, Subject = new TraceSubject("sample", "x"), Defects = [], Decisions = [] };
        var loaded = TraceFile.Parse(TraceFile.ToJson(trace));
        Assert.Null(loaded.Bug);
        Assert.Empty(loaded.Decisions);
        Assert.Equal(trace.Subject, loaded.Subject);
    }

    [Fact]
    public void Writes_camel_case_indented_json_with_enum_names_and_compact_decisions()
    {
        var json = TraceFile.ToJson(Sample());
        Assert.StartsWith("{\n  \"formatVersion\": 1,\n  \"engineVersion\": ", json, StringComparison.Ordinal);
        Assert.Contains("\"decisions\": \"t0 t1 c1 t12\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"InvariantViolation\"", json, StringComparison.Ordinal);
        Assert.Contains("\"component\": \"Driver\"", json, StringComparison.Ordinal);
        Assert.Contains("\"maxSteps\": 500", json, StringComparison.Ordinal);
        Assert.Contains("seq -> 3", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_trace_gives_byte_identical_text()
    {
        Assert.Equal(TraceFile.ToJson(Sample()), TraceFile.ToJson(Sample()));
    }

    [Fact]
    public void Missing_file_names_the_file()
    {
        var path = Path.Combine(_dir, "absent.json");
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_are_refused_rather_than_the_last_one_winning()
    {
        var path = Path.Combine(_dir, "twice.json");
        File.WriteAllText(path, "{\n  \"formatVersion\": 1,\n  \"formatVersion\": 1\n}");
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Load(path));
        Assert.Equal($"{path}:3: $.formatVersion: each field once; 'formatVersion' is given twice", e.Message);
    }

    [Fact]
    public void Malformed_json_names_file_line_and_column()
    {
        var path = Path.Combine(_dir, "broken.json");
        File.WriteAllText(path, "{\n  \"formatVersion\": 1,\n  \"engineVersion\" \"0.1.0\"\n}");
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Load(path));
        Assert.Equal($"{path}:3: $: malformed JSON at column 19: '\"' is invalid after a property name. Expected a ':'", e.Message);
        Assert.Equal((3, 19), (e.Line, e.Column));
    }

    [Fact]
    public void Root_that_is_not_an_object_is_rejected()
    {
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Parse("[1, 2]", "f.json"));
        Assert.Equal("f.json:1: $: expected an object, found an array", e.Message);
    }

    [Theory]
    [InlineData("formatVersion", "$.formatVersion", "missing required field 'formatVersion'")]
    [InlineData("engineVersion", "$.engineVersion", "missing required field 'engineVersion'")]
    [InlineData("subject", "$.subject", "missing required field 'subject'")]
    [InlineData("strategy", "$.strategy", "missing required field 'strategy'")]
    [InlineData("decisions", "$.decisions", "missing required field 'decisions'")]
    [InlineData("bug", "$.bug", "missing required field 'bug'")]
    public void Missing_fields_are_named(string field, string place, string problem)
    {
        var json = Without(TraceFile.ToJson(Sample()), field);
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Parse(json, "f.json"));
        Assert.Equal(place, e.Path);
        Assert.Equal(problem, e.Expected);
    }

    [Fact]
    public void Missing_nested_field_names_its_object()
    {
        var json = TraceFile.ToJson(Sample()).Replace("\"name\": \"racy-counter\",", "", StringComparison.Ordinal);
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Parse(json, "f.json"));
        Assert.Equal("f.json:4: $.subject.name: missing required field 'name'", e.Message);
    }

    [Fact]
    public void Unknown_format_version_is_refused()
    {
        var json = TraceFile.ToJson(Sample()).Replace("\"formatVersion\": 1", "\"formatVersion\": 7", StringComparison.Ordinal);
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Parse(json, "f.json"));
        Assert.Equal("$.formatVersion", e.Path);
        Assert.Contains("unknown formatVersion 7", e.Message, StringComparison.Ordinal);
        Assert.Contains("reads formatVersion 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_engine_version_is_refused_as_another_model_version()
    {
        var json = TraceFile.ToJson(Sample() with { EngineVersion = "0.0.1-old" });
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Parse(json, "old.json"));
        Assert.Equal("$.engineVersion", e.Path);
        Assert.Contains("trace from another model version", e.Message, StringComparison.Ordinal);
        Assert.Contains("0.0.1-old", e.Message, StringComparison.Ordinal);
        Assert.Contains(EngineInfo.Version, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("t0 x1 t2", "$.decisions[1]", "\"x1\"")]
    [InlineData("t0 t1 t-2", "$.decisions[2]", "\"t-2\"")]
    [InlineData("c", "$.decisions[0]", "\"c\"")]
    [InlineData("t0 t99999999999", "$.decisions[1]", "\"t99999999999\"")]
    [InlineData("t0 t1,t2", "$.decisions[1]", "\"t1,t2\"")]
    public void Bad_decision_entries_are_named_by_index(string decisions, string place, string found)
    {
        var json = TraceFile.ToJson(Sample()).Replace("t0 t1 c1 t12", decisions, StringComparison.Ordinal);
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Parse(json, "f.json"));
        Assert.Equal(place, e.Path);
        Assert.Contains("expected a decision tN (thread N) or cN (choice value N)", e.Message, StringComparison.Ordinal);
        Assert.Contains(found, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decisions_that_are_not_a_string_are_rejected()
    {
        var json = TraceFile.ToJson(Sample()).Replace("\"t0 t1 c1 t12\"", "[{\"thread\": 0}]", StringComparison.Ordinal);
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Parse(json, "f.json"));
        Assert.Equal("$.decisions", e.Path);
        Assert.Contains("found an array", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"seed\": 18446744073709551615", "\"seed\": -1", "$.seed", "unsigned 64-bit integer")]
    [InlineData("\"maxSteps\": 500", "\"maxSteps\": -1", "$.maxSteps", "expected an integer in [0, ")]
    [InlineData("\"iteration\": 17", "\"iteration\": \"17\"", "$.iteration", "expected an integer, found string \"17\"")]
    [InlineData("\"kind\": \"InvariantViolation\"", "\"kind\": \"Oops\"", "$.bug.kind", "expected one of Assertion, WarnOn")]
    [InlineData("\"kind\": \"InvariantViolation\"", "\"kind\": \"3\"", "$.bug.kind", "expected one of")]
    [InlineData("\"component\": \"Driver\"", "\"component\": 1", "$.bug.component", "expected a string, found number 1")]
    [InlineData("\"defects\": [\n    \"skip-seq-bump\"\n  ]", "\"defects\": [3]", "$.defects[0]", "expected a defect name")]
    [InlineData("\"strategy\": \"pct\"", "\"strategy\": \"\"", "$.strategy", "expected a non-empty string")]
    [InlineData("\"strategy\": \"pct\"", "\"strategy\": \"pct\", \"colour\": 1", "$.colour", "unknown field 'colour'; expected one of: formatVersion, ")]
    public void Bad_values_name_their_path(string original, string replacement, string place, string expected)
    {
        var json = TraceFile.ToJson(Sample());
        Assert.Contains(original, json, StringComparison.Ordinal);
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Parse(json.Replace(original, replacement, StringComparison.Ordinal), "f.json"));
        Assert.Equal(place, e.Path);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_values_name_their_line()
    {
        var json = TraceFile.ToJson(Sample()).Replace("\"iteration\": 17", "\"iteration\": -3", StringComparison.Ordinal);
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Parse(json, "f.json"));
        Assert.Equal("f.json:15: $.iteration: expected an integer in [0, 9223372036854775807], found -3", e.Message);
    }

    [Fact]
    public void Invalid_utf8_is_a_format_error()
    {
        var path = Path.Combine(_dir, "latin1.json");
        var bytes = System.Text.Encoding.UTF8.GetBytes(TraceFile.ToJson(Sample())).ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'r'), [0xE9]);
        File.WriteAllBytes(path, [.. bytes]);
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Load(path));
        Assert.StartsWith($"{path}:", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected UTF-8 text, found the byte 0xE9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lone_surrogate_escape_is_a_format_error()
    {
        var json = TraceFile.ToJson(Sample()).Replace("\"strategy\": \"pct\"", "\"strategy\": \"p\\ud800\"", StringComparison.Ordinal);
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Parse(json, "f.json"));
        Assert.Equal("$.strategy", e.Path);
        Assert.Contains("lone surrogate escape", e.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_not_a_trace()
    {
        var e = Assert.Throws<JsonFormatException>(() => TraceFile.Load(_dir));
        Assert.Equal($"{_dir}: expected a trace file, found a directory", e.Message);
    }

    [Fact]
    public void A_byte_order_mark_is_tolerated_as_before()
    {
        var path = Path.Combine(_dir, "bom.json");
        File.WriteAllText(path, TraceFile.ToJson(Sample()), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(Sample().Decisions, TraceFile.Load(path).Decisions);
    }

    private static string Without(string json, string field)
    {
        // Removes one top-level property (and the object or value it holds) by rewriting through JsonNode.
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove(field));
        return node.ToJsonString();
    }
}
