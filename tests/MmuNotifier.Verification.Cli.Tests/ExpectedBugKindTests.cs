// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// A scenario that names the bug it expects counts a run as its expected bug only when the bug is
/// of that kind (and invariant): another bug is reported as a bug, not as "expected".
/// </summary>
public sealed class ExpectedBugKindTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Scenario(Func<string, string> edit)
    {
        var path = _dir.File("itree-start-leak-on-hlist-eagain.json");
        File.WriteAllText(path, edit(RepositoryFiles.Text(RepositoryFiles.Model("itree-start-leak-on-hlist-eagain"))));
        return path;
    }

    private const string Expected = "\"expect\": { \"bug\": \"InvariantViolation\", \"invariant\": \"active-ranges\" }";

    [Fact]
    public void The_bug_the_scenario_names_is_expected()
    {
        var path = Scenario(text => text);
        var result = CliRunner.Run("test", path, "--iterations", "50", "--shorten", "0", "--out", _dir.File("out"));
        Assert.Contains("bug (expected)", result.Out);
        Assert.Contains("=== Expected bug in itree-start-leak-on-hlist-eagain: InvariantViolation [active-ranges]", result.Out);
    }

    [Fact]
    public void Another_kind_of_bug_is_not_the_expected_one()
    {
        var path = Scenario(text =>
        {
            Assert.Contains(Expected, text);
            return text.Replace(Expected, "\"expect\": { \"bug\": \"WarnOn\" }", StringComparison.Ordinal);
        });
        var result = CliRunner.Run("test", path, "--iterations", "50", "--shorten", "0", "--out", _dir.File("out"));
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("BUG (expected WarnOn)", result.Out);
        Assert.Contains("=== BUG in itree-start-leak-on-hlist-eagain: InvariantViolation [active-ranges]", result.Out);
    }

    [Theory]
    [InlineData(null, 0, "bug (expected)")]
    [InlineData("WarnOn", 1, "BUG (expected WarnOn)")]
    public void A_verify_sweep_counts_only_the_named_kind_as_expected(string? namedKind, int exitCode, string status)
    {
        Scenario(text => namedKind is null ? text : text.Replace(Expected, $"\"expect\": {{ \"bug\": \"{namedKind}\" }}", StringComparison.Ordinal));
        var result = CliProcess.Run(Models(), "verify", "--max-executions", "50");
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Contains(status, result.Out);
    }

    [Fact]
    public void A_merged_verify_sweep_judges_the_kind_as_the_shards_did()
    {
        Scenario(text => text.Replace(Expected, "\"expect\": { \"bug\": \"WarnOn\" }", StringComparison.Ordinal));
        // Not beside the scenario: the models directory is read for every *.json.
        var report = System.IO.Path.Combine(Directory.CreateDirectory(_dir.File("reports")).FullName, "shard.json");
        var shard = CliProcess.Run(Models(), "verify", "--max-executions", "50", "--shard", "0/1", "--report", report);
        Assert.True(shard.ExitCode == 1, shard.ToString());
        var merged = CliProcess.Run(Models(), "merge", report);
        Assert.True(merged.ExitCode == 1, merged.ToString());
        Assert.Contains("BUG (expected WarnOn)", merged.Out);
    }

    /// <summary>The models directory of these tests: the one scenario <see cref="Scenario"/> wrote.</summary>
    private Dictionary<string, string> Models() => new() { ["MMU_VERIFY_MODELS"] = _dir.Path };
}
