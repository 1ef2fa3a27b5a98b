// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>KCSAN through the CLI: on by default, its samples fire and their twins do not, `--no-detector kcsan` turns it off.</summary>
public sealed class DetectorCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("race-plain")]
    [InlineData("mp-plain-flag")]
    public void A_race_sample_is_a_data_race_and_exits_one(string sample)
    {
        var result = CliRunner.Run("test", sample, "--iterations", "200", "--out", _dir.Path);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("=> DataRace", result.Out, StringComparison.Ordinal);
        Assert.Contains("are not ordered by happens-before", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("race-plain-fixed")]
    [InlineData("mp-plain-flag-fixed")]
    public void Its_twin_is_clean(string sample)
    {
        var result = CliRunner.Run("test", sample, "--iterations", "200", "--out", _dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void No_detector_kcsan_turns_it_off()
    {
        var result = CliRunner.Run("test", "race-plain", "--iterations", "200", "--no-detector", "kcsan", "--out", _dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("no bug (expected one)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_known_kernel_finding_is_named_and_the_scenario_is_clean()
    {
        var result = CliRunner.Run("test", "exit-vs-unregister", "--iterations", "300", "--seed", "1", "--out", _dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("known kernel finding (KCSAN, docs/defects.md; not a bug of the port): exit-vs-unregister: unregister-hlist-unhashed-race in ",
            result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Uaf_plain_is_a_use_after_free_naming_the_free_and_exits_one()
    {
        var result = CliRunner.Run("test", "uaf-plain", "--iterations", "200", "--out", _dir.Path);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("=> UseAfterFree", result.Out, StringComparison.Ordinal);
        Assert.Contains("freed by cpu0 at step", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Uaf_plain_fixed_is_clean()
    {
        var result = CliRunner.Run("test", "uaf-plain-fixed", "--iterations", "200", "--out", _dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
