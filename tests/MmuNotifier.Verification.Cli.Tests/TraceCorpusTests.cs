// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Models.Defects;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// The regression corpus in traces/: one minimal reproducer per catalogued defect. On its defect a
/// trace reproduces the recorded bug at the recorded step; on the faithful port it runs clean or
/// diverges, and never shows a bug beyond what its scenario expects of the faithful port.
/// Regenerate it with `mmu-verify corpus` after changing scenarios, models or the engine version.
/// </summary>
public sealed class TraceCorpusTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Traces()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "traces"), "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void EveryDefectThatMustBeFoundHasATrace()
    {
        var missing = DefectCatalogue.All.Where(d => d.MustBeFound)
            .Where(d => !File.Exists(Path.Combine(Root, "traces", $"{d.Name}.json")))
            .Select(d => d.Name)
            .ToList();

        Assert.True(missing.Count == 0, $"no trace in traces/ for: {string.Join(", ", missing)} (run 'mmu-verify corpus')");
    }

    [Theory]
    [MemberData(nameof(Traces))]
    public void TraceReproducesItsBugAtTheRecordedStep(string file)
    {
        var (trace, program) = Load(file, faithful: false);

        var replay = Explorer.Replay(program, trace);

        Assert.NotNull(trace.Bug);
        Assert.Null(replay.Divergence);
        var bug = replay.PrimaryBug;
        Assert.NotNull(bug);
        Assert.Equal(trace.Bug!.Kind, bug!.Kind);
        Assert.Equal(trace.Bug.Invariant, bug.Invariant);
        Assert.Equal(trace.Bug.Step, bug.Step);
        // What `replay` compares before it says "reproduced: same bug as recorded".
        Assert.Equal(trace.Bug.Message, bug.Message);
        Assert.Equal(trace.Bug.Thread, bug.Thread);
        Assert.True(DefectCatalogue.Find(trace.Defects.Single())!.FindingFilter(replay.Bugs), "the replayed run is not a finding of its defect");
    }

    [Theory]
    [MemberData(nameof(Traces))]
    public void OnTheFaithfulPortTheTraceIsCleanOrDiverges(string file)
    {
        var (trace, program) = Load(file, faithful: true);
        var scenario = ScenarioTargets.ForTrace(file, trace.Subject);

        var replay = Explorer.Replay(program, trace);

        var unexpected = replay.Bugs.Where(b => b.IsBug && scenario.Expect?.Matches(b) != true).ToList();
        Assert.True(unexpected.Count == 0, $"the faithful port shows a bug on {file}: {string.Join("; ", unexpected)}");
    }

    private static (Trace Trace, TestProgram Program) Load(string file, bool faithful)
    {
        var path = Path.Combine(Root, "traces", file);
        var trace = TraceFile.Load(path);
        // The recorded path is relative to the repository; from the test's directory replay finds
        // the scenario by name in the models/ above it, and still checks its content hash.
        var defects = faithful ? [] : trace.Defects;
        return (trace, TargetCatalog.ForTrace(path, trace.Subject, defects).CreateProgram());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MmuNotifier.Verification.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
