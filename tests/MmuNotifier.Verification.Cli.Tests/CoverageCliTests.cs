// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Issue 12, item 2: `test --coverage [FILE.json]`: the table, the JSON's shape, its errors.</summary>
public sealed class CoverageCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Coverage_prints_a_table_and_writes_json()
    {
        var file = _dir.File("coverage.json");
        var result = CliRunner.Run("test", "fault-vs-unmap", "--iterations", "50", "--coverage", file);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| mmu_interval_read_begin ", result.Out);
        Assert.Contains("port coverage over 50 schedules: ", result.Out);
        Assert.Contains($"coverage written to {file}", result.Out);

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        Assert.Equal(50, root.GetProperty("schedules").GetInt64());
        Assert.Equal(root.GetProperty("functions").GetArrayLength(), root.GetProperty("functionsTotal").GetInt32());
        foreach (var name in new[] { "functionsReached", "armsTotal", "armsTaken" }) Assert.True(root.GetProperty(name).GetInt32() > 0, name);
        var function = root.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "__mmu_notifier_register");
        Assert.Equal("mm/mmu_notifier.c", function.GetProperty("file").GetString());
        Assert.Equal("MmuNotifierC.__MmuNotifierRegister", function.GetProperty("method").GetString());
        Assert.Equal(50, function.GetProperty("schedules").GetInt64());
        var enomem = function.GetProperty("branches").EnumerateArray().Single(b => b.GetProperty("condition").GetString() == "memory is null");
        Assert.True(enomem.GetProperty("line").GetInt32() > 0);
        Assert.Equal(0, enomem.GetProperty("whenTrue").GetInt64());
        Assert.Equal(50, enomem.GetProperty("whenFalse").GetInt64());
        Assert.Equal(1, enomem.GetProperty("armsTaken").GetInt32());
    }

    [Fact]
    public void Coverage_without_a_file_prints_the_table_only()
    {
        var result = CliRunner.Run("test", "get-put", "--iterations", "20", "--coverage");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| mmu_notifier_get_locked ", result.Out);
        Assert.DoesNotContain("coverage written", result.Out);
    }

    [Fact]
    public void A_coverage_value_that_is_no_json_file_is_a_usage_error()
    {
        var result = CliRunner.Run("test", "--coverage", "get-put");
        CliRunner.AssertCleanError(result, "--coverage get-put: expected the name of a .json file (put the program before --coverage)");
    }
}
