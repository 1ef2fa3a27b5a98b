// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Generation;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>Prints a shrunk counterexample: what failed, how far it shrank, the minimal scenario file and its interleaving.</summary>
internal static class CounterexamplePrinter
{
    public static void Print(TextWriter output, FuzzResult result, Counterexample found)
    {
        var scenario = found.Scenario;
        BugPrinter.PrintHeader(output, scenario.Name, found.Report.Bug, expected: false);
        output.WriteLine($"    found in scenario {result.Tested} ({result.Explorations} explorations, {result.Elapsed.TotalSeconds:F1} s); " +
                         $"shrunk in {found.ShrinkSteps} steps from {Size(found.Original)} to {Size(scenario)}");
        output.WriteLine(found.PreemptionBound is { } bound
            ? $"    schedule: dfs, lowest failing preemption bound {bound}, shortest failing schedule found there"
            : "    schedule: sampled (no dfs bound up to the shrink budget fails)");
        output.WriteLine($"    scenario: {scenario.Path}");
        BugPrinter.PrintOrigin(output, found.Report.Trace, found.TracePath);
        output.WriteLine();
        output.WriteLine("minimal scenario:");
        output.Write(ScenarioWriter.ToJson(scenario));
        BugPrinter.PrintInterleaving(output, found.Report.Steps, found.Report.Bug);
    }

    private static string Size(Scenario s) =>
        $"{s.Threads.Count} threads, {s.Threads.Sum(t => t.Ops.Count)} ops, {s.Subscriptions.Count} subscriptions";
}
