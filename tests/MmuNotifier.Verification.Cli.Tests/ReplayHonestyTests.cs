// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Issue 11, item 3: replay judges a trace as the recording run did, and says when it cannot.</summary>
public sealed class ReplayHonestyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Edited(string trace, Func<string, string> edit)
    {
        var path = _dir.File(trace + ".json");
        File.WriteAllText(path, edit(RepositoryFiles.Text(RepositoryFiles.Trace(trace))));
        return path;
    }

    [Fact]
    public void A_defect_with_its_own_finding_rule_reproduces_by_that_rule()
    {
        // Its scenario WARNs on the faithful port too; the defect counts only the core invariant.
        var result = CliRunner.Run("replay", RepositoryFiles.Trace("review-blockable-backoff"));
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("reproduced: same bug as recorded", result.Out);
        Assert.Contains("InvariantViolation [active-ranges]", result.Out);
    }

    [Fact]
    public void Decisions_past_the_bug_are_pointed_out_and_a_recorded_trace_has_none()
    {
        var recorded = CliRunner.Run("replay", RepositoryFiles.Trace("put-frees-immediately"));
        Assert.True(recorded.ExitCode == 1, recorded.ToString());
        Assert.DoesNotContain("not used", recorded.Out);

        // Three more thread decisions after the last one (the trace's decisions end in " t3").
        var path = Edited("put-frees-immediately", text => text.Replace(" t3\",", " t3 t0 t1 t2\",", StringComparison.Ordinal));
        var edited = CliRunner.Run("replay", path);
        Assert.True(edited.ExitCode == 1, edited.ToString());
        Assert.Contains("reproduced: same bug as recorded", edited.Out);
        Assert.Contains("note: the bug ended the run with 3 of the trace's", edited.Out);
    }

    [Fact]
    public void A_max_steps_too_small_for_the_decisions_is_a_divergence_not_a_clean_run()
    {
        var path = Edited("put-frees-immediately", text => text.Replace("\"maxSteps\": 10000", "\"maxSteps\": 3", StringComparison.Ordinal));
        var result = CliRunner.Run("replay", path);
        CliRunner.AssertCleanError(result, $"{path}: at $.decisions: the model no longer follows this trace");
        Assert.Contains("(stopped by maxSteps 3)", result.Err);
    }

    [Fact]
    public void A_subject_path_holding_another_scenario_than_the_name_is_refused()
    {
        var path = Edited("put-frees-immediately", text => text.Replace("\"models/get-put.json\"", "\"models/register-unregister.json\"", StringComparison.Ordinal));
        CliRunner.AssertCleanError(CliRunner.Run("replay", path),
            $"{path}: at $.subject.path: expected the file of scenario 'get-put' ($.subject.name), but models/register-unregister.json holds scenario 'register-unregister'");
    }

    [Fact]
    public void A_malformed_content_hash_is_called_malformed_not_changed()
    {
        var trace = TraceFile.Load(RepositoryFiles.Trace("put-frees-immediately"));
        var path = Edited("put-frees-immediately", text => text.Replace(trace.Subject.ContentHash!, "zz", StringComparison.Ordinal));
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}:7: $.subject.contentHash: expected a SHA-256 of 64 hex digits, found string \"zz\"");
    }

    [Fact]
    public void Invalid_utf8_in_a_trace_string_is_refused()
    {
        var path = _dir.File("t.json");
        var bytes = File.ReadAllBytes(RepositoryFiles.Trace("put-frees-immediately"));
        var at = System.Text.Encoding.UTF8.GetString(bytes).IndexOf("\"message\": \"", StringComparison.Ordinal) + 12;
        bytes[at] = 0xFE;
        File.WriteAllBytes(path, bytes);
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), "expected UTF-8 text, found the byte 0xFE");
    }

    // A sample has no file: a path or hash on its subject was accepted and never looked at.
    [Theory]
    [InlineData("path", "\"models/get-put.json\"", "engine samples have no scenario file, found 'models/get-put.json'")]
    [InlineData("contentHash", "\"0000000000000000000000000000000000000000000000000000000000000000\"", "engine samples have no scenario file, found a content hash")]
    public void A_sample_subject_with_a_scenario_file_field_is_refused(string field, string value, string expected)
    {
        var path = _dir.File("sample.json");
        File.WriteAllText(path, $$"""
            {
              "formatVersion": 1,
              "engineVersion": "{{Engine.EngineInfo.Version}}",
              "subject": { "kind": "sample", "name": "lost-update", "{{field}}": {{value}} },
              "defects": [],
              "strategy": "random",
              "seed": 0,
              "iteration": 0,
              "maxSteps": 10000,
              "decisions": "t2 t1 t1 t0 t2 t0",
              "bug": null
            }
            """);
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}: at $.subject.{field}: {expected}");
    }
}
