// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json.Nodes;
using MmuNotifier.Verification.Cli.Commands;
using MmuNotifier.Verification.Models.Defects;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>`verify`: the verdict is "verified" only for a search that ran to its end.</summary>
public sealed class VerifyCliTests
{
    [Fact]
    public void CleanSampleIsVerifiedWithItsTraceCount()
    {
        var result = CliRunner.Run("verify", "shared-writes");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("verified: all 6 executions explored (0 blocked), no bug", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    public void TheSweepTableIsTheSameOnMoreWorkers(string workers)
    {
        string[] args = ["verify", "--max-executions", "150", "--json"];
        var one = CliRunner.Run(args);
        var many = CliRunner.Run([.. args, "--workers", workers]);

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Equal(one.ExitCode, many.ExitCode);
        Assert.Equal(WithoutSeconds(one.Out), WithoutSeconds(many.Out));
        Assert.Contains("\"complete\": true", one.Out, StringComparison.Ordinal);
        Assert.Contains("\"complete\": false", one.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ADefectIsFoundWithTheSameTraceOnAnyNumberOfWorkers()
    {
        using var temp = new TempDirectory();
        string Run(string workers)
        {
            var dir = temp.File($"w{workers}");
            var result = CliRunner.Run("verify", "--defect", "remove-no-wait", "--max-executions", "2000", "--workers", workers, "--out", dir);
            Assert.True(result.ExitCode == 1, result.ToString());
            var traces = Directory.GetFiles(dir).Order().Select(f => Path.GetFileName(f) + "\n" + File.ReadAllText(f));
            return result.Out.Replace(dir, "DIR", StringComparison.Ordinal) + string.Join("\n", traces);
        }

        var one = Run("1");
        Assert.Contains("bug found after", one, StringComparison.Ordinal);
        Assert.Equal(one, Run("2"));
        Assert.Equal(one, Run("3"));
    }

    [Fact]
    public void ZeroWorkersIsBadInput()
    {
        var result = CliRunner.Run("verify", "shared-writes", "--workers", "0");
        Assert.Equal(2, result.ExitCode);
        // Checked as the parse is (OptionRange), so the help line follows, as for any parse error.
        Assert.Equal("mmu-verify: error: --workers: expected a number from 1 to 1024, found 0\nRun 'mmu-verify --help' for usage.", result.Err.Trim().ReplaceLineEndings("\n"));
    }

    private static string WithoutSeconds(string json) =>
        string.Join("\n", json.Split('\n').Where(line => !line.TrimStart().StartsWith("\"seconds\"", StringComparison.Ordinal)));

    [Fact]
    public void BudgetMakesTheVerdictIncompleteNeverVerified()
    {
        var result = CliRunner.Run("verify", "shared-writes", "--max-executions", "2");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("incomplete: 2 executions explored", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("verified", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void PreemptionBoundThatCutsABranchIsIncomplete()
    {
        // The lost update needs one preemption: bound 0 cuts it, and the verdict must say so.
        var result = CliRunner.Run("verify", "lost-update", "--preemption-bound", "0");
        Assert.Contains("incomplete", result.Out, StringComparison.Ordinal);
        Assert.Contains("preemption bound", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void PreemptionBoundThatCutsNothingGivesTheUnboundedVerdict()
    {
        // Each writer finishes after its one write, so no switch is a preemption: bound 0 cuts no
        // branch, the search is the unbounded one, and "verified" is the unbounded claim.
        var bounded = CliRunner.Run("verify", "shared-writes", "--preemption-bound", "0");
        Assert.True(bounded.ExitCode == 0, bounded.ToString());
        Assert.Contains("verified: all 6 executions explored (0 blocked), no bug", bounded.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void StepBoundHitIsIncomplete()
    {
        var result = CliRunner.Run("verify", "shared-writes", "--max-steps", "3");
        Assert.Contains("incomplete", result.Out, StringComparison.Ordinal);
        Assert.Contains("max-steps", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void BugIsPrintedWithItsTrace()
    {
        using var temp = new TempDirectory();
        var result = CliRunner.Run("verify", "lost-update", "--out", temp.File("traces"));
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the following interleaving leads to the error", result.Out, StringComparison.Ordinal);
        Assert.Contains("not verified", result.Out, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(temp.File("traces"), "*.json"));
    }

    [Fact]
    public void JsonCarriesTheVerdictFields()
    {
        var result = CliRunner.Run("verify", "readers-writer", "--json");
        var json = JsonNode.Parse(result.Out)!;
        Assert.True(json["complete"]!.GetValue<bool>());
        Assert.Equal(8, json["executions"]!.GetValue<long>());
        Assert.Equal(0, json["blocked"]!.GetValue<long>());
        Assert.Equal(0, json["bugs"]!.GetValue<int>());
        Assert.NotNull(json["seconds"]);
    }

    public static TheoryData<string> MustBeFound =>
        new(DefectCatalogue.All.Where(d => d.MustBeFound).Select(d => d.Name));

    /// <summary>The catalogued defects `verify` finds on the scenarios they show on, within a budget.</summary>
    [Theory]
    [MemberData(nameof(MustBeFound))]
    public void VerifyFindsEveryCataloguedDefect(string defect)
    {
        using var temp = new TempDirectory();
        var result = CliRunner.Run("verify", "--defect", defect, "--max-executions", "20000", "--out", temp.File("traces"));
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("bug found after", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verified_search_that_dropped_reversals_says_what_it_does_not_promise()
    {
        // No shipped program drops a reversal since threads parked before the first step are known
        // to DPOR (bad-input-enomem did), so the note is checked on its own, then its absence end to end.
        Assert.Null(VerifyCommand.DroppedNote(0));
        Assert.StartsWith("note: 2 race reversal(s) needed a thread that was blocked at that point",
            VerifyCommand.DroppedNote(2), StringComparison.Ordinal);

        foreach (var program in new[] { "bad-input-enomem", "get-put" })
        {
            var verified = CliRunner.Run("verify", program);
            Assert.True(verified.ExitCode == 0, verified.ToString());
            Assert.StartsWith("verified: all", verified.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("race reversal", verified.Out, StringComparison.Ordinal);
        }
    }
}

