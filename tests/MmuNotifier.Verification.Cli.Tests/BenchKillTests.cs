// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>`bench kill`: the matrix's shape and verdicts on small budgets, never its timings.</summary>
public sealed class BenchKillTests
{
    [Fact]
    public void Json_matrix_has_a_row_per_scenario_of_the_defect_and_finds_it_with_every_strategy()
    {
        var result = CliRunner.Run("bench", "kill", "--json", "--seeds", "2", "--max-schedules", "2000", "--stress-seconds", "0", "--coyote-schedules", "0",
            "--detector-schedules", "0", "--defect", "insert-idle-even-seq");
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("summary").GetProperty("defects").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("foundByEngine").GetInt32());
        var rows = root.GetProperty("rows");
        Assert.Equal(["fault-vs-unmap", "deferred-insert"], rows.EnumerateArray().Select(r => r.GetProperty("program").GetString()));
        foreach (var row in rows.EnumerateArray())
        {
            var cells = row.GetProperty("cells");
            Assert.Equal(Engine.Strategies.StrategyRegistry.Single.Count, cells.GetArrayLength());
            foreach (var cell in cells.EnumerateArray())
            {
                Assert.Equal(2, cell.GetProperty("found").GetInt32());
                Assert.True(cell.GetProperty("medianSchedules").GetDouble() >= 1);
            }
        }
    }

    [Fact]
    public void Table_has_a_row_per_defect_and_the_stress_column()
    {
        // Three strategy columns keep the table inside the 160 columns of plain output, so its cells do not wrap.
        var result = CliRunner.Run("bench", "kill", "--seeds", "1", "--max-schedules", "500", "--stress-seconds", "0.2", "--coyote-schedules", "0",
            "--detector-schedules", "300", "--strategy", "random", "--strategy", "pct", "--strategy", "dfs", "--defect", "no-odd-seq-on-start", "--defect", "review-blockable-backoff", "--defect", "v1-seq-write-outside-user-lock");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| no-odd-seq-on-start", result.Out, StringComparison.Ordinal);
        Assert.Contains("| review-blockable-backoff", result.Out, StringComparison.Ordinal);
        Assert.Contains("| v1-seq-write-outside-user-lock ", result.Out, StringComparison.Ordinal);
        Assert.Contains("stress", result.Out, StringComparison.Ordinal);
        Assert.Contains("found by the engine: 3/3 defects", result.Out, StringComparison.Ordinal);
        // The detector table: a column per finding source, each cell over the three strategies' seed.
        Assert.Matches(@"\| defect +\| program +\| checks +\| deadlock +\| liveness +\| lockdep +\| kasan +\| kcsan +\|", result.Out);
        // v1's sequence store outside the driver lock is no lost invalidation under SC: only KCSAN finds it.
        Assert.Matches(@"\| v1-seq-write-outside-user-lock +\| fault-vs-unmap +\| 0/3 +\| 0/3 +\| 0/3 +\| 0/3 +\| 0/3 +\| [123]/3, \d", result.Out);
        Assert.Matches(@"defects found by each detector: checks 2/3, deadlock 0/3, liveness 0/3, lockdep 0/3, kasan 0/3, kcsan [123]/3", result.Out);
    }

    [Fact]
    public void Coyote_columns_hunt_the_same_defect_under_coyote_random_and_pct()
    {
        var result = CliRunner.Run("bench", "kill", "--json", "--seeds", "2", "--max-schedules", "500", "--stress-seconds", "0",
            "--strategy", "random", "--coyote-schedules", "400", "--detector-schedules", "0", "--defect", "put-frees-immediately");
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("summary").GetProperty("foundByCoyote").GetInt32());
        foreach (var row in root.GetProperty("rows").EnumerateArray())
        {
            var coyote = row.GetProperty("coyote");
            Assert.Equal(["random", "pct"], coyote.EnumerateArray().Select(c => c.GetProperty("strategy").GetString()));
            foreach (var cell in coyote.EnumerateArray())
            {
                Assert.Equal(2, cell.GetProperty("seeds").GetInt32());
                Assert.Equal(2, cell.GetProperty("found").GetInt32());
                Assert.InRange(cell.GetProperty("medianSchedules").GetDouble(), 1, 400);
            }
        }
    }

    /// <summary>
    /// Each detector column is its own hunt: set_seq after the mirror's unlock is found by KCSAN,
    /// and by the checks column (KCSAN off there) as the lost invalidation it allows, although with
    /// every detector on KCSAN's report always comes first.
    /// </summary>
    [Fact]
    public void Detector_columns_give_each_detector_its_own_hunt()
    {
        var result = CliRunner.Run("bench", "kill", "--json", "--seeds", "1", "--max-schedules", "500", "--stress-seconds", "0", "--coyote-schedules", "0",
            "--detector-schedules", "500", "--strategy", "random", "--defect", "mirror-set-seq-after-unlock", "--defect", "inv-end-no-wakeup");
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(500, root.GetProperty("options").GetProperty("detectorSchedules").GetInt64());
        var byDetector = root.GetProperty("summary").GetProperty("foundByDetector");
        Assert.Equal(Engine.Checking.FindingSource.All.Select(s => s.Name), byDetector.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, byDetector.GetProperty("kcsan").GetInt32());
        Assert.Equal(1, byDetector.GetProperty("checks").GetInt32());
        Assert.Equal(1, byDetector.GetProperty("deadlock").GetInt32());
        Assert.Equal(0, byDetector.GetProperty("kasan").GetInt32());
        foreach (var row in root.GetProperty("rows").EnumerateArray())
        {
            var cells = row.GetProperty("detectors").EnumerateArray().ToDictionary(c => c.GetProperty("detector").GetString()!);
            Assert.All(cells.Values, c => Assert.Equal(1, c.GetProperty("attempts").GetInt32()));
            var found = cells.Where(c => c.Value.GetProperty("found").GetInt32() > 0).Select(c => c.Key).Order().ToList();
            Assert.Equal(row.GetProperty("defect").GetString() == "inv-end-no-wakeup" ? ["deadlock"] : ["checks", "kcsan"], found);
            foreach (var name in found)
                Assert.InRange(cells[name].GetProperty("medianSchedules").GetDouble(), 1, 500);
        }
    }

    [Fact]
    public void The_default_strategy_of_test_may_be_a_column()
    {
        var result = CliRunner.Run("bench", "kill", "--seeds", "1", "--max-schedules", "2000", "--stress-seconds", "0", "--coyote-schedules", "0",
            "--detector-schedules", "0", "--strategy", "portfolio", "--strategy", "random", "--defect", "put-frees-immediately");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"\| defect +\| program +\| portfolio +\| random +\|", result.Out);
        // The same hunt as `test get-put --defect put-frees-immediately --seed 1` with each strategy.
        Assert.Matches(@"\| put-frees-immediately +\| get-put +\| 1/1, \d+, [\d.]+ +\| 1/1, \d+, [\d.]+ +\|", result.Out);
    }

    [Fact]
    public void Skipped_detector_columns_are_absent_from_the_json()
    {
        var result = CliRunner.Run("bench", "kill", "--json", "--seeds", "1", "--max-schedules", "200", "--stress-seconds", "0", "--coyote-schedules", "0",
            "--detector-schedules", "0", "--strategy", "random", "--defect", "put-frees-immediately");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.False(json.RootElement.GetProperty("summary").TryGetProperty("foundByDetector", out _));
        Assert.All(json.RootElement.GetProperty("rows").EnumerateArray(), r => Assert.False(r.TryGetProperty("detectors", out _)));
    }

    [Fact]
    public void Skipped_coyote_columns_are_absent_from_the_json()
    {
        var result = CliRunner.Run("bench", "kill", "--json", "--seeds", "1", "--max-schedules", "200", "--stress-seconds", "0",
            "--strategy", "random", "--coyote-schedules", "0", "--detector-schedules", "100", "--defect", "put-frees-immediately");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.False(json.RootElement.GetProperty("summary").TryGetProperty("foundByCoyote", out _));
        Assert.All(json.RootElement.GetProperty("rows").EnumerateArray(), r => Assert.False(r.TryGetProperty("coyote", out _)));
    }

    [Fact]
    public void Every_catalogued_defect_is_a_target_and_no_sample_is()
    {
        var targets = Models.KillMatrix.KillTarget.All(Programs.ScenarioTargets.RequireCatalog());
        Assert.Equal(Models.Defects.DefectCatalogue.Names.Order(), targets.Select(t => t.Defect).Distinct().Order());
        Assert.DoesNotContain(targets, t => Samples.SampleCatalog.Find(t.Defect) is not null);
    }

    [Fact]
    public void Unknown_defect_is_a_usage_error()
    {
        var result = CliRunner.Run("bench", "kill", "--defect", "no-such-defect");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown defect 'no-such-defect'", result.Err, StringComparison.Ordinal);
    }
}
