// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// An output file that is an input or another output of the same run. Before, `replay T --html T`
/// replaced the trace with its page, `test S.json --coverage S.json` the scenario with the
/// coverage, and `--report F --coverage F` kept whichever was written last.
/// </summary>
public sealed class OutputClaimsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Copy(string source, string name)
    {
        var path = _dir.File(name);
        File.Copy(source, path);
        return path;
    }

    [Fact]
    public void Replay_refuses_to_write_its_page_over_the_trace()
    {
        var trace = Copy(RepositoryFiles.Trace("get-put-puts-twice"), "t.json");
        var before = File.ReadAllText(trace);
        CliRunner.AssertCleanError(CliRunner.Run("replay", trace, "--html", trace),
            $"--html {trace}: expected a file of its own, but the input {trace} is that file");
        Assert.Equal(before, File.ReadAllText(trace));
    }

    [Fact]
    public void Test_refuses_to_write_coverage_over_the_scenario_it_explores()
    {
        var scenario = Copy(RepositoryFiles.Model("get-put"), "s.json");
        CliRunner.AssertCleanError(CliRunner.Run("test", scenario, "--iterations", "5", "--shorten", "0", "--out", _dir.Path, "--coverage", scenario),
            $"--coverage {scenario}: expected a file of its own, but the input {scenario} is that file");
    }

    [Fact]
    public void Two_outputs_of_one_run_may_not_share_a_file()
    {
        var file = _dir.File("both.json");
        CliRunner.AssertCleanError(
            CliRunner.Run("test", "lost-update", "--iterations", "5", "--shorten", "0", "--out", _dir.Path, "--shard", "0/2", "--report", file, "--coverage", file),
            $"--coverage {file}: expected a file of its own, but --report is that file");
    }
}
