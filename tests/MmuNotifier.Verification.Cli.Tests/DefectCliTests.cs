// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;
using System.Text.Json.Nodes;
using MmuNotifier.Verification.Models.Defects;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>The defect side of the CLI: `list defects`, `test --defect` and replaying defective traces.</summary>
public sealed class DefectCliTests
{
    [Fact]
    public void ListDefectsShowsEveryCataloguedDefect()
    {
        var result = CliRunner.Run("list", "defects");
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var entry in DefectCatalogue.All)
            Assert.Contains(entry.Name, result.Out, StringComparison.Ordinal);
        Assert.Contains("driver misuse", result.Out, StringComparison.Ordinal);
        Assert.Contains("DataRace (Core)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDefectIsAUsageErrorListingTheKnownOnes()
    {
        var result = CliRunner.Run("test", "fault-vs-unmap", "--defect", "no-such-defect");
        CliRunner.AssertCleanError(result, "unknown defect 'no-such-defect'");
        Assert.Contains(DriverDefects.MirrorSkipsReadRetry, result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void DefectOnAScenarioWhereItCannotShowGetsANote()
    {
        var result = CliRunner.Run("test", "get-put", "--defect", DriverDefects.KvmChecksRetryBeforeLock, "-i", "50", "--out", "unused-traces");
        Assert.Contains($"note: defect {DriverDefects.KvmChecksRetryBeforeLock} is not known to show on scenario 'get-put'; it shows on: kvm-faults",
            result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DefectOnASampleIsAUsageError() =>
        CliRunner.AssertCleanError(CliRunner.Run("test", "lost-update", "--defect", DriverDefects.MirrorSkipsReadRetry),
            "--defect applies to scenarios");

    /// <summary>
    /// The whole loop: find a driver misuse, write its trace (which names the defect), replay it
    /// into the same bug, and replay the same decisions on the faithful models, which must not
    /// report a bug (they either run clean or leave the trace).
    /// </summary>
    [Fact]
    public void DefectiveTraceReplaysTheDefectAndTheFaithfulReplayNeverReportsABug()
    {
        using var temp = new TempDirectory();
        var traces = temp.File("traces");
        var tested = CliRunner.Run("test", "fault-vs-zap", "--defect", DriverDefects.MirrorSkipsReadRetry, "-i", "2000", "--seed", "1", "--out", traces);
        Assert.True(tested.ExitCode == 1, tested.ToString());
        var trace = Directory.GetFiles(traces, "*.json").Single();
        var json = JsonNode.Parse(File.ReadAllText(trace))!;
        Assert.Equal([DriverDefects.MirrorSkipsReadRetry], json["defects"]!.AsArray().Select(d => d!.GetValue<string>()));

        var replayed = CliRunner.Run("replay", trace);
        Assert.True(replayed.ExitCode == 1, replayed.ToString());
        Assert.Contains("reproduced: same bug as recorded", replayed.Out, StringComparison.Ordinal);

        json["defects"] = new JsonArray();
        var faithful = temp.File("faithful.json");
        File.WriteAllText(faithful, json.ToJsonString());
        var clean = CliRunner.Run("replay", faithful);
        Assert.True(clean.ExitCode is 0 or 2, clean.ToString());
        if (clean.ExitCode == 2) Assert.Contains("no longer follows this trace", clean.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void TraceWithAnUnknownDefectIsAUsageErrorNamingTheField()
    {
        using var temp = new TempDirectory();
        var traces = temp.File("traces");
        Assert.Equal(1, CliRunner.Run("test", "fault-vs-unmap", "--defect", "insert-idle-even-seq", "-i", "10", "--out", traces).ExitCode);
        var trace = Directory.GetFiles(traces, "*.json").Single();
        var json = JsonNode.Parse(File.ReadAllText(trace))!;
        json["defects"] = new JsonArray("insert-idle-even-seq", "made-up");
        File.WriteAllText(trace, json.ToJsonString());
        CliRunner.AssertCleanError(CliRunner.Run("replay", trace), "at $.defects[1]: unknown defect 'made-up'");
    }

    [Fact]
    public void WithoutAProgramTheDefectRunsOnEveryScenarioItShowsOn()
    {
        using var temp = new TempDirectory();
        var result = CliRunner.Run("test", "--defect", "insert-idle-even-seq", "-i", "20", "--out", temp.File("traces"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("fault-vs-unmap + insert-idle-even-seq", result.Out, StringComparison.Ordinal);
        Assert.Contains("deferred-insert + insert-idle-even-seq", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("no bug (expected one)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockableBackoffCountsOnlyTheCoreStateFinding()
    {
        using var temp = new TempDirectory();
        var traces = temp.File("traces");
        var result = CliRunner.Run("test", "blockable-failure", "--defect", "review-blockable-backoff", "-i", "500", "--seed", "1", "--out", traces, "-v");
        Assert.True(result.ExitCode == 1, result.ToString());
        var trace = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(traces, "*.json").Single()));
        Assert.Equal("review-blockable-backoff", trace.RootElement.GetProperty("defects")[0].GetString());
        Assert.Contains("[active-ranges]", result.Out, StringComparison.Ordinal);
    }
}
