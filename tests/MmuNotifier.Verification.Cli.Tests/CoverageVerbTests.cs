// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Issue 12, item 2: `--coverage` on `bench kill` and `fuzz`, and the coverage section of the HTML reports.</summary>
public sealed class CoverageVerbTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // A schedule budget far under the time cap, so every attempt stops by count and the counts repeat.
    private static readonly string[] Kill =
        ["bench", "kill", "--seeds", "2", "--max-schedules", "300", "--max-seconds", "600", "--stress-seconds", "0", "--coyote-schedules", "0",
         "--detector-schedules", "0", "--strategy", "random", "--strategy", "pct", "--defect", "put-frees-immediately"];

    [Fact]
    public void Bench_kill_coverage_counts_every_attempt_and_repeats()
    {
        var first = _dir.File("kill1.json");
        var result = CliRunner.Run([.. Kill, "--coverage", first]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| mmu_notifier_put ", result.Out);
        Assert.Matches(@"port coverage over [1-9]\d* schedules: [1-9]\d*/\d+ functions reached", result.Out);
        Assert.Contains($"coverage written to {first}", result.Out);

        using (var json = JsonDocument.Parse(File.ReadAllText(first)))
        {
            var schedules = json.RootElement.GetProperty("schedules").GetInt64();
            // Four attempts (two strategies × two seeds), each at most 300 schedules, each at least one.
            Assert.InRange(schedules, 4, 1200);
            var put = json.RootElement.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "mmu_notifier_put");
            Assert.InRange(put.GetProperty("schedules").GetInt64(), 1, schedules);
        }

        var second = _dir.File("kill2.json");
        Assert.Equal(0, CliRunner.Run([.. Kill, "--coverage", second]).ExitCode);
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
    }

    [Fact]
    public void Bench_kill_without_coverage_prints_no_coverage()
    {
        var result = CliRunner.Run(Kill);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("port coverage", result.Out);
    }

    [Fact]
    public void Bench_kill_json_keeps_stdout_one_object_and_writes_the_file()
    {
        var file = _dir.File("kill.json");
        var result = CliRunner.Run([.. Kill, "--json", "--coverage", file]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var stdout = JsonDocument.Parse(result.Out);
        using var coverage = JsonDocument.Parse(File.ReadAllText(file));
        Assert.True(coverage.RootElement.GetProperty("functionsReached").GetInt32() > 0);
    }

    [Fact]
    public void Bench_kill_html_has_the_coverage_section_with_function_rows()
    {
        var page = _dir.File("kill.html");
        var result = CliRunner.Run([.. Kill, "--html", page, "--coverage"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var html = File.ReadAllText(page);
        Assert.Contains("<section id=\"coverage\">", html);
        Assert.Contains("<tr class=\"fn\" data-function=\"mmu_notifier_put\">", html);
        Assert.Contains("data-function=\"__mmu_notifier_register\"", html);

        var without = _dir.File("plain.html");
        Assert.Equal(0, CliRunner.Run([.. Kill, "--html", without]).ExitCode);
        Assert.DoesNotContain("id=\"coverage\"", File.ReadAllText(without));
    }

    [Fact]
    public void Test_html_with_coverage_writes_a_coverage_page()
    {
        var dir = _dir.File("html");
        var result = CliRunner.Run("test", "get-put", "--iterations", "20", "--html", dir, "--coverage");
        Assert.True(result.ExitCode == 0, result.ToString());
        var page = Path.Combine(dir, "coverage.html");
        Assert.Contains($"coverage page written to {page}", result.Out);
        var html = File.ReadAllText(page);
        Assert.Contains("<section id=\"coverage\">", html);
        Assert.Contains("data-function=\"mmu_notifier_get_locked\"", html);
        Assert.Contains("port coverage over 20 schedules: ", html);
    }

    [Fact]
    public void Fuzz_coverage_counts_the_generated_scenarios_and_repeats()
    {
        string[] Fuzz(string file) =>
            ["fuzz", "--count", "6", "--seed", "3", "--budget", "40", "--models-out", _dir.File("m"), "--traces-out", _dir.File("t"), "--coverage", file];
        var first = _dir.File("fuzz1.json");
        var result = CliRunner.Run(Fuzz(first));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| __mmu_notifier_register ", result.Out);
        Assert.Matches(@"port coverage over [1-9]\d* schedules: [1-9]\d*/\d+ functions reached", result.Out);
        using (var json = JsonDocument.Parse(File.ReadAllText(first)))
            Assert.True(json.RootElement.GetProperty("schedules").GetInt64() >= 6 * 40, "every scenario's sampled schedules are counted");

        var second = _dir.File("fuzz2.json");
        Assert.Equal(0, CliRunner.Run(Fuzz(second)).ExitCode);
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
    }
}
