// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;
using MmuNotifier.Verification.Cli.Bench;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>`bench`: the shape of its output, never its timings.</summary>
public sealed class BenchTests
{
    [Fact]
    public void Json_output_is_one_object_with_the_figures()
    {
        var result = CliRunner.Run("bench", "--json", "--runs", "2", "--iterations", "20");
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        foreach (var field in new[] { "stepsPerSecond", "iterationsPerSecond", "parallelSpeedup", "machineScaling", "machineScalingBranchy" })
            Assert.Equal(JsonValueKind.Number, root.GetProperty(field).ValueKind);
        Assert.Equal(2, root.GetProperty("runs").GetInt32());
        Assert.Equal(20, root.GetProperty("iterationsPerRun").GetInt64());
        Assert.Equal(2, root.GetProperty("oneWorkerRuns").GetArrayLength());
        Assert.Equal(2, root.GetProperty("twoWorkerRuns").GetArrayLength());
        var run = root.GetProperty("oneWorkerRuns")[0];
        Assert.Equal(20, run.GetProperty("iterations").GetInt64());
        Assert.True(run.GetProperty("steps").GetInt64() > 0);
        Assert.Equal(2, root.GetProperty("twoWorkerRuns")[0].GetProperty("workers").GetInt32());
    }

    [Fact]
    public void Table_output_names_the_speedup()
    {
        var result = CliRunner.Run("bench", "--runs", "1", "--iterations", "10");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("parallel speed-up", result.Out, StringComparison.Ordinal);
        Assert.Contains("(machine: ", result.Out, StringComparison.Ordinal);
        Assert.Contains("steps/s", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new double[] { 3 }, 3)]
    [InlineData(new double[] { 5, 1, 3 }, 3)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[0], 0)]
    public void Median_is_the_middle_value(double[] values, double expected)
    {
        Assert.Equal(expected, Median.Of(values));
    }

    [Fact]
    public void The_ratio_of_two_sides_is_the_median_of_their_per_round_ratios()
    {
        // Round ratios 10, 2 and 10: the median is 10, where the ratio of the medians would be 20 / 3.
        Assert.Equal(10, Median.OfRatios([10, 20, 30], [1, 10, 3]));
        Assert.Equal([10.0, 2.0, 10.0], Median.Ratios([10, 20, 30], [1, 10, 3]));
        // A round whose denominator is zero has no ratio.
        Assert.Equal(3, Median.OfRatios([6, 5], [2, 0]));
        Assert.Throws<ArgumentException>(() => Median.OfRatios([1, 2], [1]));
    }

    [Fact]
    public void The_machine_ceiling_is_what_threads_sharing_nothing_get()
    {
        Assert.Equal(new MachineCeiling(1, 1), MachineScaling.Measure(1));
        var two = MachineScaling.Measure(2);
        Assert.True(two.Alu > 0 && two.Branchy > 0, two.ToString());
        // Two threads that each took as long as one alone: the full 2x; twice as long: nothing gained.
        Assert.Equal(2, MachineScaling.Ceiling(2, oneSeconds: 0.03, manySeconds: 0.03));
        Assert.Equal(1, MachineScaling.Ceiling(2, oneSeconds: 0.03, manySeconds: 0.06));
        Assert.Equal(0, MachineScaling.Ceiling(2, oneSeconds: 0.03, manySeconds: 0));
    }

    [Fact]
    public void Scenarios_with_workers_quote_the_speedup_beside_the_machine_ceiling()
    {
        var result = CliRunner.Run("bench", "scenarios", "--scenario", "fault-vs-unmap", "--workers", "2", "--iterations", "20");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("speedup", result.Out, StringComparison.Ordinal);
        Assert.Contains("machine", result.Out, StringComparison.Ordinal);
        Assert.Contains("branchy", result.Out, StringComparison.Ordinal);
        Assert.Contains("the ceiling for the speedup", result.Out, StringComparison.Ordinal);
    }
}
