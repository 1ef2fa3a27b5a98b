// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Kernel.Defects;

namespace MmuNotifier.Verification.Kernel.Tests.Defects;

/// <summary>One strategy with its budget: <c>dfs</c> takes a preemption bound.</summary>
internal sealed record Finder(string Strategy, long Budget, int? PreemptionBound = null, int PctDepth = 3)
{
    public override string ToString() =>
        PreemptionBound is { } b ? $"{Strategy}(pb={b})" : Strategy == "pct" && PctDepth != 3 ? $"pct(d={PctDepth})" : Strategy;
}

/// <summary>Explores a defect program and looks for the defect's expected finding.</summary>
internal static class DefectHunt
{
    public const ulong Seed = 1;

    /// <param name="stopAtFirstBug">False when every run WARNs (a driver bug the port tolerates) and the finding comes later.</param>
    public static ExplorationReport Explore(string name, Func<IRuntime, Task> body, Finder finder, bool stopAtFirstBug = true) =>
        Explorer.Explore(
            new TestProgram(new TraceSubject("kernel-defects", name), body),
            new ExplorationOptions
            {
                Iterations = finder.Budget,
                Strategy = finder.Strategy,
                Seed = Seed,
                PreemptionBound = finder.PreemptionBound,
                PctDepth = finder.PctDepth,
                MaxSteps = 20_000,
                StopAtFirstBug = stopAtFirstBug,
            });

    /// <summary>The first schedule (0-based) with a bug matching <paramref name="expected"/>, and that bug.</summary>
    public static (long Iteration, Bug Bug)? FirstMatch(ExplorationReport report, ExpectedFinding expected)
    {
        foreach (var bugReport in report.Bugs)
        {
            var match = bugReport.AllBugsOfRun.FirstOrDefault(expected.Matches);
            if (match is not null) return (bugReport.Trace.Iteration, match);
        }

        return null;
    }

    /// <summary>Fails with the rendered interleaving if a bug not in <paramref name="tolerated"/> was found.</summary>
    public static void AssertClean(ExplorationReport report, Func<Bug, bool>? tolerated = null)
    {
        tolerated ??= _ => false;
        foreach (var bugReport in report.Bugs)
        {
            var bug = bugReport.AllBugsOfRun.FirstOrDefault(b => !tolerated(b));
            if (bug is not null)
                Assert.Fail($"schedule {bugReport.Trace.Iteration}: {bug}\n{InterleavingRenderer.Render(bugReport.Steps, bug)}");
        }

        Assert.Empty(report.StepBoundHits);
    }
}
