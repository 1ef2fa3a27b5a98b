// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Terminal;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Issue 11, item 6: every error names the thing that is wrong, in the documented form.</summary>
public sealed class MessageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Test_of_a_directory_or_a_missing_file_says_so()
    {
        CliRunner.AssertCleanError(CliRunner.Run("test", _dir.Path), $"{_dir.Path}: expected a scenario file, found a directory");
        CliRunner.AssertCleanError(CliRunner.Run("test", "/no/such.json"), "/no/such.json: expected an existing scenario file, but it does not exist");
        CliRunner.AssertCleanError(CliRunner.Run("replay", _dir.Path), $"{_dir.Path}: expected a trace file, found a directory");
    }

    [Fact]
    public void A_duplicate_key_in_a_trace_is_reported_at_its_line()
    {
        var path = _dir.File("t.json");
        File.WriteAllText(path, "{\n  \"formatVersion\": 1,\n  \"formatVersion\": 1\n}\n");
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}:3: $.formatVersion: each field once");
    }

    [Fact]
    public void An_unreadable_file_is_reported_in_the_documented_form()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root") return;  // root reads anything
        var path = _dir.File("t.json");
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, UnixFileMode.None);
        CliRunner.AssertCleanError(CliRunner.Run("replay", path), $"{path}: expected a readable trace file, but permission to read it is denied");
    }

    [Theory]
    [InlineData(false, "standard output: cannot write: No space left on device")]
    [InlineData(true, "standard output: cannot write: it is closed or not writable")]  // `>&-`
    public void A_failing_standard_output_is_named(bool closed, string expected)
    {
        var result = new StringWriter();
        var code = CliApp.Run(["list", "defects"], new StandardOutputWriter(new FailingOutput(closed)), result);
        Assert.Equal(2, code);
        Assert.StartsWith("mmu-verify: error: " + expected, result.ToString());
    }

    /// <summary>Before, the error line raised in turn and the process aborted (exit 134) under `2>&-` or `2>/dev/full`.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_failing_standard_error_still_exits_2(bool closed)
    {
        var code = CliApp.Run(["test", "--nope"], new StringWriter(), new StandardErrorWriter(new FailingOutput(closed)));
        Assert.Equal(2, code);
    }

    [Fact]
    public void Quoted_control_characters_keep_an_error_on_one_line()
    {
        var result = CliRunner.Run("test", "no\nsuch");
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'no\\nsuch'", result.Err);
    }

    /// <summary>A full disk, or a closed descriptor 1, which the runtime refuses as "Access to the path is denied".</summary>
    private sealed class FailingOutput(bool closed) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) =>
            throw (closed ? new UnauthorizedAccessException("Access to the path is denied.") : new IOException("No space left on device"));
    }
}
