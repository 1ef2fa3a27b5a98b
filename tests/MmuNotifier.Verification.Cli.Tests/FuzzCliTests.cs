// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>`mmu-verify fuzz` end to end: exit codes, the written scenario and trace, and replay of them.</summary>
public sealed class FuzzCliTests
{
    [Fact]
    public void Faithful_port_fuzz_finds_nothing_and_exits_0()
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run("fuzz", "--count", "15", "--seed", "3", "--budget", "60", "--models-out", dir.File("m"), "--traces-out", dir.File("t"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("no failure in 15 scenarios", result.Out);
        Assert.False(Directory.Exists(dir.File("m")));
    }

    [Fact]
    public void Defect_fuzz_writes_a_minimal_scenario_and_a_trace_that_replay_reproduces()
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run("fuzz", "--defect", "remove-no-wait", "--count", "100", "--seed", "1", "--budget", "120",
            "--models-out", dir.File("m"), "--traces-out", dir.File("t"));
        Assert.True(result.ExitCode == 1, result.ToString());
        // The mirror frees its struct once remove returns, so the early return is a KASAN finding.
        Assert.Contains("UseAfterFree", result.Out);
        Assert.Contains("after it was freed", result.Out);
        Assert.Contains("minimal scenario:", result.Out);
        Assert.Contains("the following interleaving leads to the error:", result.Out);
        Assert.Contains("fuzz: scenario", result.Out);
        Assert.Equal("", result.Err);

        var trace = dir.File(Path.Combine("t", "fuzz-remove-no-wait-seed1.json"));
        Assert.True(File.Exists(dir.File(Path.Combine("m", "fuzz-remove-no-wait-seed1.json"))));
        var replay = CliRunner.Run("replay", trace);
        Assert.True(replay.ExitCode == 1, replay.ToString());
        Assert.Contains("reproduced: same bug as recorded", replay.Out);
    }

    [Fact]
    public void Misuse_fuzz_prints_a_table_per_misuse_kind_and_exits_0()
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run("fuzz", "--misuse", "--count", "12", "--seed", "2", "--budget", "30", "--models-out", dir.File("m"), "--traces-out", dir.File("t"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| double-insert", result.Out);
        Assert.Contains("| register-after-exit", result.Out);
        Assert.Contains("every finding was kernel-style", result.Out);
        Assert.False(Directory.Exists(dir.File("m")));
    }

    [Fact]
    public void Unknown_defect_is_a_one_line_usage_error()
    {
        CliRunner.AssertCleanError(CliRunner.Run("fuzz", "--defect", "no-such-defect"), "--defect: unknown defect 'no-such-defect'");
        CliRunner.AssertCleanError(CliRunner.Run("fuzz", "--count", "0"), "--count: expected a positive number");
    }
}
