// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `replay trace.json`: re-executes the recorded schedule and prints the bug and its interleaving.
/// Exit 1 when the run ends in a bug, 0 when it runs clean, 2 when the file is not a usable
/// trace or the model no longer follows it (a divergence: the trace is stale, not a finding).
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("trace") { Description = "Trace file written by 'test' (JSON, see docs/trace-format.md)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print the decisions and every bug of the run" };
        var columns = new Option<bool>("--columns") { Description = "Render the interleaving with one column per thread" };
        var html = new Option<string?>("--html") { Description = "Also write the run as a self-contained HTML page to this file (docs/trace-viewer.md)" };
        var command = new Command("replay", "Replay a recorded trace and print its interleaving");
        command.Arguments.Add(file);
        command.Options.Add(verbose);
        command.Options.Add(columns);
        command.Options.Add(html);
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(verbose), parse.GetValue(columns), parse.GetValue(html)));
        return command;
    }

    private static int Run(CliContext context, string path, bool verbose, bool columns, string? htmlPath)
    {
        if (htmlPath is not null) OutputFile.Require("--html", htmlPath);
        var trace = TraceFile.Load(path);
        // The defects are part of the program: replay rebuilds the same defective variant.
        var target = TargetCatalog.ForTrace(path, trace.Subject, trace.Defects);
        var program = target.CreateProgram();

        var output = context.Out;
        output.WriteLine($"replaying {path}: {trace.Subject.Kind} {trace.Subject.Name}{(trace.Defects.Count == 0 ? "" : $" with defects {string.Join(", ", trace.Defects)}")}, strategy {trace.Strategy}, seed {trace.Seed}, iteration {trace.Iteration}, {trace.Decisions.Count} decisions");
        if (verbose) output.WriteLine($"decisions: {DecisionText.Format(trace.Decisions)}");

        var result = Explorer.Replay(program, trace);
        if (verbose)
        {
            foreach (var reported in result.Bugs) output.WriteLine($"reported: {reported}");
        }

        if (result.Bugs.FirstOrDefault(b => b.Kind == BugKind.ReplayDivergence) is { } divergence)
        {
            // Steps count choices differently from decisions, so the engine's message (which names
            // the step) locates the divergence better than a decision index would.
            if (verbose) BugPrinter.PrintInterleaving(output, result.Steps, divergence, columns);
            throw new UsageException($"{path}: at $.decisions: the model no longer follows this trace ({divergence.Message}); re-record it with 'test'");
        }

        // Judged as the recording run judged it: the bug a run is reported under (its first fatal
        // one), and a finding only by the rule of the defects switched on.
        var bug = result.PrimaryBug;
        if (htmlPath is not null)
        {
            TraceHtml.Write(htmlPath, trace, result.Steps, bug);
            output.WriteLine($"viewer: {htmlPath}");
        }

        if (bug is null || !bug.IsBug)
        {
            output.WriteLine(bug is null ? "the run completed without a bug" : $"the run ended without a bug: {bug}");
            if (trace.Bug is not null) output.WriteLine($"note: the recorded bug did not reproduce: {Recorded(trace.Bug)}");
            return ExitCodes.Ok;
        }

        if (target.FindingFilter is { } isFinding && !isFinding(result.Bugs))
        {
            output.WriteLine($"the run ended with {bug}, which the rule of its defects ({string.Join(", ", trace.Defects)}) does not count as a finding");
            if (trace.Bug is not null) output.WriteLine($"note: the recorded bug did not reproduce: {Recorded(trace.Bug)}");
            return ExitCodes.Ok;
        }

        BugPrinter.PrintHeader(output, trace.Subject.Name, bug, target.IsExpected(bug));
        output.WriteLine(trace.Bug is null ? "    (the trace recorded no bug)"
            : SameBug(trace.Bug, bug) ? "    reproduced: same bug as recorded"
            : $"    differs from the recorded bug: {Recorded(trace.Bug)}");
        // A recorded run ends at its fatal bug, so decisions past it come from elsewhere (an edited trace).
        if (result.UnusedDecisions > 0)
            output.WriteLine($"    note: the bug ended the run with {result.UnusedDecisions} of the trace's {trace.Decisions.Count} decisions not used");
        BugPrinter.PrintInterleaving(output, result.Steps, bug, columns);
        return ExitCodes.BugFound;
    }

    // The recorded bug is the trace file's text, which an edit can fill with terminal escapes or line breaks.
    private static string Recorded(Bug recorded) => ErrorText.Visible(recorded.ToString());

    private static bool SameBug(Bug recorded, Bug replayed) =>
        recorded.Kind == replayed.Kind && recorded.Message == replayed.Message && recorded.Step == replayed.Step
        && recorded.Thread == replayed.Thread && recorded.Invariant == replayed.Invariant;
}
