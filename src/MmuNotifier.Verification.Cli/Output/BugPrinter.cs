// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// Prints a bug and the interleaving that leads to it. Written to the plain writer, not through
/// Spectre, so the one-step-per-line rendering is never rewrapped or mistaken for markup.
/// </summary>
internal static class BugPrinter
{
    public static void PrintHeader(TextWriter output, string program, Bug bug, bool expected)
    {
        output.WriteLine();
        output.WriteLine($"=== {(expected ? "Expected bug" : "BUG")} in {program}: {bug.Title}");
        output.WriteLine($"    at step {bug.Step} on {bug.Thread}: {bug.Message}");
    }

    public static void PrintOrigin(TextWriter output, Trace trace, string? tracePath)
    {
        output.WriteLine($"    strategy {trace.Strategy}, seed {trace.Seed}, iteration {trace.Iteration}, {trace.Decisions.Count} decisions");
        if (tracePath is not null)
            output.WriteLine($"    trace: {tracePath}   (replay: {CliApp.Name} replay {tracePath})");
    }

    public static void PrintInterleaving(TextWriter output, IReadOnlyList<StepRecord> steps, Bug? bug, bool columns = false)
    {
        // The renderers write their own title ("the following interleaving leads to the error:").
        output.WriteLine();
        output.WriteLine((columns ? ColumnRenderer.Render(steps, bug) : InterleavingRenderer.Render(steps, bug)).TrimEnd());
    }

    public static void PrintOtherBugs(TextWriter output, Bug first, IReadOnlyList<Bug> all)
    {
        foreach (var other in all.Where(b => !ReferenceEquals(b, first) && b != first))
            output.WriteLine($"    also reported in this run: {other}");
    }
}
