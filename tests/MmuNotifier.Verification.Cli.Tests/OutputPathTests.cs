// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.IO;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Issue 11, items 2, 4 and 5: output locations are checked before exploring, a long name never
/// costs a finding, files are written whole, and traces record checkout-relative paths.
/// </summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("test", "--out")]
    [InlineData("fuzz", "--models-out")]
    [InlineData("corpus", "--out")]
    public void An_output_path_that_is_a_file_is_refused_before_exploring(string verb, string option)
    {
        var result = CliRunner.Run(verb, option, "/dev/full");
        CliRunner.AssertCleanError(result, $"{option} /dev/full: expected a directory, but /dev/full is a character device, not a directory");
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("verify", "lost-update")]
    [InlineData("verify", "--defect", "put-frees-immediately")]
    public void Verify_refuses_an_output_path_that_is_a_file_before_searching(params string[] args)
    {
        var result = CliRunner.Run([.. args, "--out", "/dev/full"]);
        CliRunner.AssertCleanError(result, "--out /dev/full: expected a directory, but /dev/full is a character device, not a directory");
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("test", "lost-update", "--iterations", "5", "--shorten", "0")]
    [InlineData("fuzz", "--count", "1", "--budget", "5")]
    public void A_coverage_file_that_is_a_directory_is_refused_before_exploring(params string[] args)
    {
        var directory = Directory.CreateDirectory(_dir.File("coverage.json")).FullName;
        var result = CliRunner.Run([.. args, "--coverage", directory]);
        CliRunner.AssertCleanError(result, $"--coverage {directory}: expected a file path, but it names a directory");
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("--out", "", "test", "lost-update", "--iterations", "5", "--shorten", "0")]
    [InlineData("--coverage", ".json", "test", "lost-update", "--iterations", "5", "--shorten", "0")]
    [InlineData("--report", ".json", "test", "lost-update", "--iterations", "5", "--shorten", "0")]
    public void A_name_too_long_for_the_file_system_is_refused_before_exploring(string option, string suffix, params string[] args)
    {
        var path = _dir.File(new string('a', 300) + suffix);
        var result = CliRunner.Run([.. args, option, path]);
        CliRunner.AssertCleanError(result, $"{option} {path}: expected names of at most 255 bytes, but one has {300 + suffix.Length} ('aaaaaaaaaaaaaaaa...')");
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void An_output_directory_below_a_file_is_refused_before_exploring()
    {
        var file = _dir.File("plain");
        File.WriteAllText(file, "");
        var result = CliRunner.Run("test", "lost-update", "--out", Path.Combine(file, "sub"));
        CliRunner.AssertCleanError(result, $"expected a directory, but {file} is a file");
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void A_very_long_scenario_name_keeps_its_finding_under_a_shortened_file_name()
    {
        var name = "get-put-" + new string('x', 300);
        var scenario = _dir.File("long.json");
        File.WriteAllText(scenario, RepositoryFiles.Text(RepositoryFiles.Model("get-put")).Replace("\"name\": \"get-put\"", $"\"name\": \"{name}\"", StringComparison.Ordinal));
        var outDir = _dir.File("out");
        var result = CliRunner.Run("test", scenario, "--defect", "put-frees-immediately", "--iterations", "5000", "--shorten", "0", "--out", outDir);
        Assert.True(result.ExitCode == 1, result.ToString());
        var trace = Assert.Single(Directory.GetFiles(outDir));
        Assert.True(Path.GetFileName(trace).Length <= 200, trace);
        Assert.Equal(name, TraceFile.Load(trace).Subject.Name);
        Assert.Equal(1, CliRunner.Run("replay", trace).ExitCode);
    }

    [Fact]
    public void Files_are_replaced_whole_and_leave_no_temporary_behind()
    {
        var path = _dir.File(Path.Combine("new", "file.json"));
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_trace_records_its_scenario_relative_to_the_checkout()
    {
        var outDir = _dir.File("out");
        var result = CliRunner.Run("test", "get-put", "--defect", "put-frees-immediately", "--iterations", "5000", "--shorten", "0", "--out", outDir);
        Assert.True(result.ExitCode == 1, result.ToString());
        var trace = TraceFile.Load(Assert.Single(Directory.GetFiles(outDir)));
        Assert.Equal("models/get-put.json", trace.Subject.Path);
    }

    [Fact]
    public void A_relative_scenario_path_is_found_from_a_working_directory_other_than_the_checkout_root()
    {
        // The tests run in bin/...; models/get-put.json is only there relative to the checkout.
        Assert.False(File.Exists("models/get-put.json"));
        var result = CliRunner.Run("replay", RepositoryFiles.Trace("put-frees-immediately"));
        Assert.True(result.ExitCode == 1, result.ToString());
    }
}
