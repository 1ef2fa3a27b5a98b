// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Exit code 2 for traces that cannot be replayed, with the file and the place named.</summary>
public sealed class ReplayInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Trace ValidTrace(string name) => new()
    {
        Subject = new TraceSubject("sample", name),
        Strategy = "random",
        Decisions = [Decision.Thread(0)],
    };

    [Fact]
    public void Malformed_trace_names_the_file_and_line()
    {
        var path = _dir.File("broken.json");
        File.WriteAllText(path, "{\n  \"formatVersion\": 1,\n  oops\n}\n");
        var result = CliRunner.Run("replay", path);
        CliRunner.AssertCleanError(result, $"{path}:3: $: malformed JSON at column 3: ");
        Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Missing_trace_file_names_the_file()
    {
        var path = _dir.File("absent.json");
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}: expected an existing trace file");
    }

    [Fact]
    public void Trace_missing_a_field_names_the_field()
    {
        var path = _dir.File("nofield.json");
        File.WriteAllText(path, TraceFile.ToJson(ValidTrace("x")).Replace("  \"strategy\": \"random\",\n", "", StringComparison.Ordinal));
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}:1: $.strategy: missing required field 'strategy'");
    }

    [Fact]
    public void Trace_that_is_not_utf8_is_an_input_error()
    {
        var path = _dir.File("latin1.json");
        var bytes = System.Text.Encoding.UTF8.GetBytes(TraceFile.ToJson(ValidTrace("x"))).ToList();
        bytes.Insert(bytes.IndexOf((byte)'x'), 0xE9);
        File.WriteAllBytes(path, [.. bytes]);
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}:6: $: expected UTF-8 text, found the byte 0xE9");
    }

    [Fact]
    public void Trace_with_a_lone_surrogate_is_an_input_error()
    {
        var path = _dir.File("surrogate.json");
        File.WriteAllText(path, TraceFile.ToJson(ValidTrace("x")).Replace("\"random\"", "\"\\udfff\"", StringComparison.Ordinal));
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}:9: $.strategy: expected a string of Unicode characters, found a lone surrogate escape");
    }

    [Fact]
    public void A_directory_is_not_a_trace()
    {
        CliRunner.AssertCleanError(CliRunner.Run("replay", _dir.Path), $"{_dir.Path}: expected a trace file, found a directory");
    }

    [Fact]
    public void Trace_from_another_model_version_is_refused()
    {
        var path = _dir.File("old.json");
        TraceFile.Save(ValidTrace("x") with { EngineVersion = "0.0.0-ancient" }, path);
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), "trace from another model version");
    }

    [Fact]
    public void Trace_of_an_unknown_sample_names_the_subject()
    {
        var path = _dir.File("unknown.json");
        TraceFile.Save(ValidTrace("no-such-sample"), path);
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}: at $.subject.name: unknown sample 'no-such-sample'");
    }

    [Fact]
    public void Trace_of_an_unsupported_kind_names_the_kind()
    {
        var path = _dir.File("other.json");
        TraceFile.Save(ValidTrace("x") with { Subject = new TraceSubject("something-else", "x") }, path);
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}: at $.subject.kind: expected \"sample\" or \"scenario\"");
    }

    [Fact]
    public void Trace_of_an_unknown_scenario_names_it()
    {
        var path = _dir.File("scenario.json");
        TraceFile.Save(ValidTrace("x") with { Subject = new TraceSubject("scenario", "no-such-scenario") }, path);
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}: at $.subject.name: no scenario 'no-such-scenario'");
    }
}
