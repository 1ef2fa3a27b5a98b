// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Samples;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>`test` and `replay` end to end on the engine's sample programs, with small budgets.</summary>
public sealed class ExplorationTests : IDisposable
{
    // Enough for the buggy samples' bugs with any strategy's first schedules; exploration stops at the first bug.
    private const string Budget = "20000";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static SampleProgram Buggy => SampleCatalog.All.First(s => s.HasBug);

    private static SampleProgram Clean => SampleCatalog.All.First(s => !s.HasBug);

    [Fact]
    public void List_samples_shows_every_sample_and_which_have_bugs()
    {
        var result = CliRunner.Run("list", "samples");
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var sample in SampleCatalog.All)
            Assert.Contains(sample.Name, result.Out, StringComparison.Ordinal);
        Assert.Contains("expected", result.Out, StringComparison.Ordinal);
        Assert.Contains("list samples", CliRunner.Run("list").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_sample_exits_zero_with_a_summary_row()
    {
        var result = CliRunner.Run("test", Clean.Name, "--iterations", "200", "--out", _dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Clean.Name, result.Out, StringComparison.Ordinal);
        foreach (var column in new[] { "iterations", "steps", "distinct schedules", "bugs", "it/s" })
            Assert.Contains(column, result.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void All_samples_exit_zero_when_only_expected_bugs_are_found()
    {
        var result = CliRunner.Run("test", "--iterations", "300", "--out", _dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var sample in SampleCatalog.All)
            Assert.Contains(sample.Name, result.Out, StringComparison.Ordinal);
        Assert.Contains("expected", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_buggy_sample_exits_one_prints_the_interleaving_and_writes_a_trace()
    {
        var result = CliRunner.Run("test", Buggy.Name, "--iterations", Budget, "--out", _dir.Path);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Expected bug in " + Buggy.Name, result.Out, StringComparison.Ordinal);
        Assert.Contains("the following interleaving leads to the error:", result.Out, StringComparison.Ordinal);
        var trace = Assert.Single(Directory.GetFiles(_dir.Path, "*.json"));
        Assert.Contains(trace, result.Out, StringComparison.Ordinal);
        Assert.Equal(Buggy.Name, TraceFile.Load(trace).Subject.Name);
    }

    [Fact]
    public void Replay_of_a_written_trace_reproduces_the_same_bug()
    {
        var test = CliRunner.Run("test", Buggy.Name, "--iterations", Budget, "--out", _dir.Path, "--seed", "7");
        Assert.True(test.ExitCode == 1, test.ToString());
        var path = Assert.Single(Directory.GetFiles(_dir.Path, "*.json"));
        var recorded = TraceFile.Load(path).Bug!;

        var replay = CliRunner.Run("replay", path, "--verbose");

        Assert.True(replay.ExitCode == 1, replay.ToString());
        Assert.Contains("reproduced: same bug as recorded", replay.Out, StringComparison.Ordinal);
        Assert.Contains(recorded.Title, replay.Out, StringComparison.Ordinal);
        Assert.Contains(recorded.Message, replay.Out, StringComparison.Ordinal);
        Assert.Contains("the following interleaving leads to the error:", replay.Out, StringComparison.Ordinal);
        Assert.Equal(Interleaving(test.Out), Interleaving(replay.Out));
    }

    [Fact]
    public void Same_seed_writes_byte_identical_traces()
    {
        var first = Path.Combine(_dir.Path, "a");
        var second = Path.Combine(_dir.Path, "b");
        Assert.Equal(1, CliRunner.Run("test", Buggy.Name, "--iterations", Budget, "--seed", "11", "--out", first).ExitCode);
        Assert.Equal(1, CliRunner.Run("test", Buggy.Name, "--iterations", Budget, "--seed", "11", "--out", second).ExitCode);
        var a = Assert.Single(Directory.GetFiles(first));
        var b = Assert.Single(Directory.GetFiles(second));
        Assert.Equal(Path.GetFileName(a), Path.GetFileName(b));
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("prioritization")]
    [InlineData("dfs")]
    [InlineData("portfolio")]
    public void Every_strategy_runs_a_clean_sample(string strategy)
    {
        var result = CliRunner.Run("test", Clean.Name, "--iterations", "50", "--strategy", strategy, "--out", _dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Replay_of_a_trace_the_model_no_longer_follows_is_an_input_error()
    {
        Assert.Equal(1, CliRunner.Run("test", Buggy.Name, "--iterations", Budget, "--out", _dir.Path).ExitCode);
        var path = Assert.Single(Directory.GetFiles(_dir.Path, "*.json"));
        var trace = TraceFile.Load(path);
        // Thread 99 never exists, so the model cannot follow the very first decision.
        TraceFile.Save(trace with { Decisions = [Decision.Thread(99), .. trace.Decisions] }, path);

        var result = CliRunner.Run("replay", path);

        CliRunner.AssertCleanError(result, $"{path}: at $.decisions: the model no longer follows this trace");
    }

    [Fact]
    public void Replay_says_when_the_trace_recorded_no_bug()
    {
        Assert.Equal(1, CliRunner.Run("test", Buggy.Name, "--iterations", Budget, "--out", _dir.Path).ExitCode);
        var path = Assert.Single(Directory.GetFiles(_dir.Path, "*.json"));
        var clean = Path.Combine(_dir.Path, "clean.json");
        TraceFile.Save(TraceFile.Load(path) with { Bug = null }, clean);

        var result = CliRunner.Run("replay", clean);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("(the trace recorded no bug)", result.Out, StringComparison.Ordinal);
    }

    /// <summary>The rendered interleaving: everything from its title to the end of that block.</summary>
    private static string Interleaving(string output)
    {
        const string title = "the following interleaving leads to the error:";
        var start = output.IndexOf(title, StringComparison.Ordinal);
        Assert.True(start >= 0, output);
        var rest = output[(start + title.Length)..];
        var end = rest.IndexOf("\n\n", StringComparison.Ordinal);
        return (end >= 0 ? rest[..end] : rest).Trim();
    }
}
