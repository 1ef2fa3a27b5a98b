// SPDX-License-Identifier: GPL-2.0-only
using FsCheck.Fluent;
using MmuNotifier.Verification.Models.Generation;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests.Generation;

/// <summary>`fuzz --misuse`: misuses end in kernel-style findings, deterministically; an escaped exception is an internal error.</summary>
public sealed class MisuseRunnerTests
{
    private static FuzzOptions Options(string dir) => new()
    {
        Count = 30,
        Seed = 1,
        Budget = FuzzBudget.Default with { Schedules = 40 },
        ModelsDirectory = Path.Combine(dir, "m"),
        TracesDirectory = Path.Combine(dir, "t"),
    };

    private static string TempDir() => Directory.CreateTempSubdirectory("misuse-").FullName;

    private static string Summary(MisuseResult result) =>
        string.Join("; ", result.Tallies.Select(t => $"{t.Kind} {t.Generated}/{t.KernelStyle}/{t.Silent} {string.Join(",", t.Findings)}"));

    [Fact]
    public void Faithful_port_misuses_get_kernel_style_findings_and_no_internal_error()
    {
        var result = MisuseRunner.Run(Options(TempDir()));
        Assert.Null(result.InternalError);
        Assert.Equal(30, result.Tallies.Sum(t => t.Generated));
        var byKind = result.Tallies.ToDictionary(t => t.Kind);
        // The corruption report of the interval tree, and the BUG of registering on a dead mm.
        Assert.True(byKind[MisuseKind.DoubleInsert].KernelStyle > 0, Summary(result));
        Assert.Contains("BugOn", byKind[MisuseKind.DoubleInsert].Findings.Keys);
        Assert.Contains("BugOn", byKind[MisuseKind.RegisterAfterExit].Findings.Keys);
        Assert.Contains("WarnOn", byKind[MisuseKind.InsertAfterExit].Findings.Keys);
        Assert.All(result.Tallies, t => Assert.Equal(t.Generated, t.KernelStyle + t.Silent));
    }

    // The teardown misuses meet the struct the driver freed after the first teardown, and the
    // kernel's answer is KASAN's (put twice may instead meet the WARN on a zero count, or KCSAN
    // seeing the SRCU callback's kfree race the second put). None of them may be silent.
    [Theory]
    [InlineData(MisuseKind.DoubleRemove, "UseAfterFree")]
    [InlineData(MisuseKind.DoubleUnregister, "UseAfterFree")]
    [InlineData(MisuseKind.OpsAfterFree, "UseAfterFree")]
    [InlineData(MisuseKind.PutTwice, "UseAfterFree|WarnOn|DataRace")]
    public void Teardown_misuses_are_reported_the_kernel_way(MisuseKind kind, string findings)
    {
        var misuses = ScenarioGen.Scenario.Select(legal => (kind, MisuseGen.Build(kind, legal)));
        var result = MisuseRunner.Run(Options(TempDir()) with { Count = 6 }, misuses);
        Assert.Null(result.InternalError);
        var tally = result.Tallies[(int)kind];
        Assert.Equal(6, tally.Generated);
        Assert.True(tally.Silent == 0, Summary(result));
        Assert.All(tally.Findings.Keys, key => Assert.Contains(key, findings.Split('|')));
    }

    [Fact]
    public void The_same_seed_gives_the_same_tallies()
    {
        var first = Summary(MisuseRunner.Run(Options(TempDir())));
        Assert.Equal(first, Summary(MisuseRunner.Run(Options(TempDir()))));
    }

    // A get-put user has no fault path: a scenario built in memory (the parser would refuse it)
    // makes the model throw, and that exception must surface as an internal error with its files.
    [Fact]
    public void An_escaped_exception_is_an_internal_error_with_scenario_and_trace()
    {
        var broken = new Scenario
        {
            Name = "planted",
            Pages = 1,
            Subscriptions = [new SubscriptionSpec("s", "get-put", 0, 1, AtSetup: true)],
            Threads = [new ThreadSpec("t0", [new OpSpec(OpKind.Fault, "s", 0)])],
        };
        var dir = TempDir();
        var result = MisuseRunner.Run(Options(dir) with { Count = 3 }, Gen.Constant((MisuseKind.DoubleInsert, broken)));
        var error = Assert.IsType<MisuseInternalError>(result.InternalError);
        Assert.True(MisuseRunner.IsInternalError(error.Bug), error.Bug.ToString());
        Assert.True(File.Exists(error.ScenarioPath));
        Assert.True(File.Exists(error.TracePath));
    }
}
