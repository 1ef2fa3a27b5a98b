// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Renders a recorded run as a table with one column per thread (after Lincheck's failure
/// report): each step sits in its thread's column, so a switch of CPU reads as a move sideways,
/// and the model's notes sit under the step that made them.
/// </summary>
public static class ColumnRenderer
{
    private const int MaxWidth = 48;

    public static string Render(IReadOnlyList<StepRecord> steps, Bug? bug)
    {
        var threads = steps.Select(s => (s.ThreadId, s.Thread)).Distinct().OrderBy(t => t.ThreadId).ToList();
        var column = threads.Select((t, i) => (t.ThreadId, i)).ToDictionary(p => p.ThreadId, p => p.i);
        var rows = new List<(int Step, int Column, string Text)>();
        foreach (var step in steps)
        {
            var access = $"{step.Access.Render()} {step.Target}{(step.Detail is null ? "" : " " + step.Detail)}";
            rows.Add((step.Step, column[step.ThreadId], access));
            rows.AddRange(step.Notes.Select(note => (-1, column[step.ThreadId], "| " + note)));
        }

        var widths = threads.Select((t, i) => Math.Min(MaxWidth,
            rows.Where(r => r.Column == i).Select(r => r.Text.Length).DefaultIfEmpty(0).Max())).ToArray();
        for (var i = 0; i < widths.Length; i++) widths[i] = Math.Max(widths[i], threads[i].Thread.Length);

        var text = new StringBuilder();
        text.AppendLine("the following interleaving leads to the error:");
        AppendRow(text, "step", threads.Select(t => t.Thread).ToArray(), widths);
        AppendRow(text, "", widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var (step, col, cell) in rows)
        {
            var cells = new string[widths.Length];
            cells[col] = cell;
            AppendRow(text, step >= 0 ? step.ToString() : "", cells, widths);
        }

        if (bug is not null) text.Append("=> ").AppendLine(bug.ToString());
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string step, string?[] cells, int[] widths)
    {
        text.Append(step.PadLeft(5));
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i] ?? "";
            if (cell.Length > widths[i] && i < cells.Length - 1) cell = cell[..(widths[i] - 1)] + "…";
            text.Append(" | ").Append(i < cells.Length - 1 ? cell.PadRight(widths[i]) : cell);
        }

        while (text[^1] == ' ') text.Length--;
        text.AppendLine();
    }
}
