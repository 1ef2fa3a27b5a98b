// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Issue 11, items 1, 7 and 8: bad bytes, endless and non-regular files, and readers exactly as
/// strict as the docs. Every case ends in exit 2 with one line naming the file and the place.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, byte[] bytes)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private static void AssertOneLine(CliRunner.Result result, string expected)
    {
        CliRunner.AssertCleanError(result, expected);
        Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void An_invalid_utf8_byte_in_a_scenario_is_exit_2_at_its_line()
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.Model("get-put"));
        var at = Encoding.UTF8.GetString(bytes).IndexOf("\"description\"", StringComparison.Ordinal) + 2;
        bytes[at] = 0xFF;
        var path = Write("bad.json", bytes);
        AssertOneLine(CliRunner.Run("test", path), $"{path}:5: $: expected UTF-8 text, found the byte 0xFF");
    }

    [Fact]
    public void A_lone_surrogate_escape_is_refused_in_a_scenario_and_in_a_trace()
    {
        var scenario = Write("s.json", RepositoryFiles.Text(RepositoryFiles.Model("get-put")).Replace("\"get/put", "\"\\ud800get/put", StringComparison.Ordinal));
        AssertOneLine(CliRunner.Run("test", scenario), $"{scenario}:5: $.description: expected a string of Unicode characters, found a lone surrogate");
        var trace = Write("t.json", RepositoryFiles.Text(RepositoryFiles.Trace("put-frees-immediately")).Replace("\"message\": \"", "\"message\": \"\\udc00", StringComparison.Ordinal));
        AssertOneLine(CliRunner.Run("replay", trace), $"{trace}:");
        Assert.Contains("$.bug.message: expected a string of Unicode characters", CliRunner.Run("replay", trace).Err);
    }

    [Fact]
    public void Lone_surrogates_in_trace_text_given_as_a_string_are_refused_not_replaced()
    {
        var json = RepositoryFiles.Text(RepositoryFiles.Trace("put-frees-immediately")).Replace("\"message\": \"", "\"message\": \"\ud800", StringComparison.Ordinal);
        var error = Assert.Throws<Engine.Json.JsonFormatException>(() => TraceFile.Parse(json, "given"));
        Assert.StartsWith("given: expected Unicode text, found a lone surrogate", error.Message);
    }

    [Theory]
    [InlineData("test")]
    [InlineData("replay")]
    public void An_endless_device_is_refused_by_its_size(string verb) =>
        AssertOneLine(CliRunner.Run(verb, "/dev/zero"), $"/dev/zero: expected a {(verb == "test" ? "scenario" : "trace")} file of at most 16777216 bytes");

    [Fact]
    public void A_trace_whose_subject_path_is_a_device_names_the_trace_and_the_field()
    {
        var trace = Write("t.json", RepositoryFiles.Text(RepositoryFiles.Trace("put-frees-immediately")).Replace("\"models/get-put.json\"", "\"/dev/zero\"", StringComparison.Ordinal));
        AssertOneLine(CliRunner.Run("replay", trace), $"{trace}: at $.subject.path: expected a usable scenario file, but /dev/zero: expected a scenario file of at most");
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("test")]
    public void A_fifo_is_refused_without_waiting_for_a_writer(string verb)
    {
        var fifo = _dir.File("input.json");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) Assert.True(mkfifo.WaitForExit(CliProcess.Patience));
        // In a child process, so that a regression hangs one bounded wait instead of the test run.
        var result = CliProcess.Run(null, verb, fifo);
        AssertOneLine(result, $"{fifo}: expected a regular {(verb == "test" ? "scenario" : "trace")} file, found a pipe, socket or terminal");
    }

    [Theory]
    [InlineData("\"t0 t1\"", "\"t0\\tt1\"", "$.decisions[0]: expected a decision tN (thread N) or cN (choice value N), found \"t0\\tt1\"")]
    [InlineData("\"t0 t1\"", "\"t0\\nt1\"", "$.decisions[0]: expected a decision tN (thread N) or cN (choice value N), found \"t0\\nt1\"")]
    [InlineData("\"t0 t1\"", "\"t0  t1\"", "$.decisions[1]: expected decisions separated by single spaces")]
    [InlineData("\"t0 t1\"", "\"t0 t01\"", "$.decisions[1]: expected a decision tN (thread N) or cN (choice value N), found \"t01\"")]
    [InlineData("\"t0 t1\"", "\"t00 t1\"", "$.decisions[0]: expected a decision tN (thread N) or cN (choice value N), found \"t00\"")]
    [InlineData("\"strategy\": \"random\"", "\"strategy\": \"bogus\"", "$.strategy: expected a strategy name (random, pct, prioritization, dfs, ")]
    [InlineData("\"thread\": \"main\"", "\"thread\": \"\"", "$.bug.thread: expected a non-empty string")]
    [InlineData("\"defects\": []", "\"defects\": [\"put-frees-immediately\", \"put-frees-immediately\"]", "$.defects[1]: each defect once; 'put-frees-immediately' is given twice")]
    public void The_trace_reader_is_as_strict_as_the_format(string from, string to, string expected)
    {
        var text = "{\n  \"formatVersion\": 1,\n  \"engineVersion\": \"" + Engine.EngineInfo.Version + "\",\n  \"subject\": { \"kind\": \"sample\", \"name\": \"lost-update\" },\n"
                   + "  \"defects\": [],\n  \"strategy\": \"random\",\n  \"seed\": 0,\n  \"iteration\": 0,\n  \"maxSteps\": 100,\n  \"decisions\": \"t0 t1\",\n"
                   + "  \"bug\": { \"kind\": \"Assertion\", \"message\": \"m\", \"step\": 1, \"thread\": \"main\", \"component\": \"Core\" }\n}\n";
        Assert.Contains(from, text);
        var path = Write("t.json", text.Replace(from, to, StringComparison.Ordinal));
        AssertOneLine(CliRunner.Run("replay", path), expected);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_by_both_readers_alike()
    {
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        var scenario = Write("s.json", bom.Concat(File.ReadAllBytes(RepositoryFiles.Model("get-put"))).ToArray());
        Assert.NotEqual(2, CliRunner.Run("test", scenario, "--iterations", "5", "--shorten", "0", "--out", _dir.File("out")).ExitCode);
        var trace = Write("t.json", bom.Concat(File.ReadAllBytes(RepositoryFiles.Trace("put-frees-immediately"))).ToArray());
        Assert.Equal(1, CliRunner.Run("replay", trace).ExitCode);
        // UTF-16 is not UTF-8: refused at its first byte.
        var utf16 = Write("u.json", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{}")).ToArray());
        AssertOneLine(CliRunner.Run("replay", utf16), $"{utf16}:1: $: expected UTF-8 text, found the byte 0xFF");
    }

    [Theory]
    [InlineData("test", "--out")]
    [InlineData("corpus", "--out")]
    [InlineData("fuzz", "--models-out")]
    [InlineData("fuzz", "--traces-out")]
    public void An_empty_output_directory_is_a_usage_error(string verb, string option) =>
        AssertOneLine(CliRunner.Run(verb, option, ""), $"{option}: expected a directory path, found an empty string");

    [Fact]
    public void Version_takes_no_argument()
    {
        var result = CliRunner.Run("--version", "extra");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mmu-verify: error: --version takes no arguments, found 'extra'", result.Err);
    }

    /// <summary>Before: "': expected a readable trace file: The value cannot be an empty string. (Parameter 'path')".</summary>
    [Theory]
    [InlineData("trace", "replay")]
    [InlineData("shard report", "merge")]
    public void An_empty_input_path_is_named_as_such(string what, string verb) =>
        AssertOneLine(CliRunner.Run(verb, ""), $"mmu-verify: error: '': expected the path of a {what} file, found an empty string");

    /// <summary>Before, the runtime's " : '/full/path'" followed the reason, naming the file a second time.</summary>
    [Fact]
    public void A_symbolic_link_loop_names_the_file_once()
    {
        if (OperatingSystem.IsWindows()) return;
        var loop = _dir.File("loop.json");
        File.CreateSymbolicLink(loop, loop);
        var result = CliRunner.Run("replay", loop);
        AssertOneLine(result, $"{loop}: expected a readable trace file: ");
        Assert.Equal(2, result.Err.Split(loop).Length);
    }

    /// <summary>
    /// Response files are off: `test @/tmp` was an unhandled exception (exit 134, a stack trace) and
    /// `test @/dev/zero` never returned, read by the parser before any input check.
    /// </summary>
    [Fact]
    public void A_word_starting_with_at_is_an_ordinary_argument_not_a_response_file()
    {
        var directory = "@" + _dir.Path;
        AssertOneLine(CliRunner.Run("test", directory), $"{directory}: expected an existing scenario file, but it does not exist");
        var tokens = Write("args.rsp", "lost-update\n--iterations\n1\n");
        AssertOneLine(CliRunner.Run("test", "@" + tokens), $"@{tokens}: expected an existing scenario file, but it does not exist");
    }
}
