// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>`--memory-model`: mp-plain is a finding under lkmm only, its trace replays under lkmm, a bad name is a usage error.</summary>
public sealed class LkmmCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Mp_plain_is_a_finding_under_lkmm_and_clean_under_sc()
    {
        var sc = CliRunner.Run("test", "mp-plain", "--iterations", "2000", "--out", _dir.Path);
        Assert.True(sc.ExitCode == 0, sc.ToString());

        var lkmm = CliRunner.Run("test", "mp-plain", "--memory-model", "lkmm", "--iterations", "2000", "--out", _dir.Path);
        Assert.True(lkmm.ExitCode == 1, lkmm.ToString());
        var trace = Assert.Single(Directory.GetFiles(_dir.Path, "*.json"));
        Assert.Contains("\"memoryModel\": \"lkmm\"", File.ReadAllText(trace), StringComparison.Ordinal);
        var replay = CliRunner.Run("replay", trace);
        Assert.True(replay.ExitCode == 1, replay.ToString());
        Assert.Contains("reproduced", replay.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_memory_model_is_a_usage_error()
    {
        var result = CliRunner.Run("test", "mp-plain", "--memory-model", "tso");
        Assert.Equal(2, result.ExitCode);
    }
}
