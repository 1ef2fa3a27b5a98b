// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Traces.Html;

/// <summary>
/// Renders a recorded run as one self-contained HTML page (docs/trace-viewer.md): the bug at the
/// top in Lincheck's wording, then one swimlane column per logical thread and one row per step,
/// with the notes, the value read or written and each thread's held locks; context switches and
/// the failing step marked; runs of consecutive steps in one kernel function collapsible; a
/// filter by thread and object and keyboard step-through (viewer.js). Nothing is fetched: style
/// and script are inlined and every string from the model is escaped.
/// </summary>
public static class TraceHtmlPage
{
    public const string Heading = "The following interleaving leads to the error";

    public static string Render(Trace trace, IReadOnlyList<StepRecord> steps, Bug? bug)
    {
        var threads = steps.Select(s => (s.ThreadId, s.Thread)).Distinct().OrderBy(t => t.ThreadId).ToList();
        var lane = threads.Select((t, i) => (t.ThreadId, i)).ToDictionary(p => p.ThreadId, p => p.i);
        var known = steps.Select(s => s.Step).ToHashSet();
        var ends = bug is null ? [] : StepReferences.In(bug.Message).Where(known.Contains).ToHashSet();
        var failing = bug is not null && known.Contains(bug.Step) ? bug.Step : steps.Count == 0 ? -1 : steps[^1].Step;

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(HtmlText.Escape($"{trace.Subject.Name}: {bug?.Title ?? "clean run"}")).Append("</title>\n<style>\n")
            .Append(HtmlAssets.ViewerCss).Append("</style>\n</head>\n<body data-failing=\"step-").Append(failing).Append("\">\n");
        AppendHeader(html, trace, bug, steps, known, ends);
        AppendControls(html, threads);
        AppendTable(html, steps, threads, lane, failing, ends, known);
        html.Append("<script>\n").Append(HtmlAssets.ViewerJs).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendHeader(StringBuilder html, Trace trace, Bug? bug, IReadOnlyList<StepRecord> steps,
        HashSet<int> known, HashSet<int> ends)
    {
        html.Append("<header>\n<h1>").Append(bug is null ? "This interleaving ran without an error" : Heading).Append("</h1>\n");
        if (bug is not null)
            html.Append("<p class=\"message\" id=\"bug-message\">").Append(StepReferences.Linked(bug.ToString(), known.Contains)).Append("</p>\n");
        var defects = trace.Defects.Count == 0 ? "faithful port" : "defects " + string.Join(", ", trace.Defects);
        html.Append("<p class=\"origin\">").Append(HtmlText.Escape(
            $"{trace.Subject.Kind} {trace.Subject.Name}, {defects}; strategy {trace.Strategy}, seed {trace.Seed}, " +
            $"iteration {trace.Iteration}, {trace.Decisions.Count} decisions, {steps.Count} steps")).Append("</p>\n");
        if (ends.Count > 0)
        {
            html.Append("<p class=\"ends\">The report's steps: ");
            html.AppendJoin(", ", ends.Order().Select(step =>
            {
                var record = steps.First(s => s.Step == step);
                return $"<a href=\"#step-{step}\">step {step}</a> ({HtmlText.Escape($"{record.Thread}: {record.Access.Render()} {record.Target}")})";
            }));
            html.Append("</p>\n");
        }

        html.Append("</header>\n");
    }

    private static void AppendControls(StringBuilder html, List<(int ThreadId, string Thread)> threads)
    {
        html.Append("<nav class=\"controls\">\n<label>thread <select id=\"filter-thread\"><option value=\"\">all</option>");
        foreach (var (_, name) in threads)
            html.Append("<option value=\"").Append(HtmlText.Escape(name)).Append("\">").Append(HtmlText.Escape(name)).Append("</option>");
        html.Append("</select></label>\n<label>object <input id=\"filter-object\" type=\"search\" placeholder=\"e.g. invalidate_seq\"></label>\n")
            .Append("<span class=\"keys\">j/k or \u2193/\u2191: next/previous step; f: failing step; Enter: fold the function run; <span id=\"position\"></span></span>\n</nav>\n");
    }

    private static void AppendTable(StringBuilder html, IReadOnlyList<StepRecord> steps, List<(int ThreadId, string Thread)> threads,
        Dictionary<int, int> lane, int failing, HashSet<int> ends, HashSet<int> known)
    {
        html.Append("<table class=\"interleaving\" id=\"interleaving\">\n<thead><tr><th>step</th><th>function</th>");
        foreach (var (_, name) in threads)
            html.Append("<th class=\"lane-head\" data-thread=\"").Append(HtmlText.Escape(name)).Append("\">").Append(HtmlText.Escape(name)).Append("</th>");
        html.Append("</tr></thead>\n");

        // What each lane's thread holds, carried forward from its last step.
        var locks = new string?[threads.Count];
        var previousThread = -1;
        foreach (var run in FunctionRuns.Split(steps))
        {
            var first = run[0];
            if (run.Count > 1)
            {
                html.Append("<tbody class=\"run\" data-function=\"").Append(HtmlText.Escape(first.Function)).Append("\">\n")
                    .Append("<tr class=\"run-head\"><td colspan=\"").Append(threads.Count + 2).Append("\"><button type=\"button\">\u25BE</button>")
                    .Append(HtmlText.Escape($"{first.Function} on {first.Thread}: steps {first.Step}\u2013{run[^1].Step} ({run.Count} steps)"))
                    .Append("</td></tr>\n");
            }
            else html.Append("<tbody>\n");

            foreach (var step in run)
            {
                locks[lane[step.ThreadId]] = step.Locks;
                AppendRow(html, step, lane[step.ThreadId], locks, previousThread >= 0 && previousThread != step.ThreadId,
                    step.Step == failing, ends.Contains(step.Step), known);
                previousThread = step.ThreadId;
            }

            html.Append("</tbody>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendRow(StringBuilder html, StepRecord step, int column, string?[] locks, bool contextSwitch,
        bool isFailing, bool isEnd, HashSet<int> known)
    {
        var classes = "step" + (contextSwitch ? " switch" : "") + (isFailing ? " failing" : "") + (isEnd ? " end" : "");
        html.Append("<tr class=\"").Append(classes).Append("\" id=\"step-").Append(step.Step).Append("\" data-step=\"").Append(step.Step)
            .Append("\" data-thread=\"").Append(HtmlText.Escape(step.Thread)).Append("\" data-object=\"").Append(HtmlText.Escape(step.Target)).Append("\">")
            .Append("<td class=\"num\">").Append(step.Step).Append("</td><td class=\"fn\">").Append(HtmlText.Escape(step.Function)).Append("</td>");
        for (var i = 0; i < locks.Length; i++)
        {
            if (i != column)
            {
                html.Append("<td class=\"lane idle\">");
                AppendLocks(html, locks[i]);
                html.Append("</td>");
                continue;
            }

            html.Append("<td class=\"lane active\"><div class=\"access\">").Append(HtmlText.Escape($"{step.Access.Render()} {step.Target}")).Append("</div>");
            if (step.Detail is not null) html.Append("<div class=\"value\">").Append(HtmlText.Escape(step.Detail)).Append("</div>");
            AppendLocks(html, locks[i]);
            if (step.Notes.Count > 0)
            {
                html.Append("<ul class=\"notes\">");
                foreach (var note in step.Notes)
                    html.Append(note.StartsWith("!! ", StringComparison.Ordinal) ? "<li class=\"report\">" : "<li>")
                        .Append(StepReferences.Linked(note, known.Contains)).Append("</li>");
                html.Append("</ul>");
            }

            html.Append("</td>");
        }

        html.Append("</tr>\n");
    }

    private static void AppendLocks(StringBuilder html, string? locks)
    {
        if (locks is not null) html.Append("<div class=\"locks\">holds: ").Append(HtmlText.Escape(locks)).Append("</div>");
    }
}
