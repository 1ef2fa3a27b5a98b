// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Renders a recorded run one step per line: step number, thread, access, object and the value
/// seen or written, then the kernel-level notes the model attached to that step.
/// </summary>
public static class InterleavingRenderer
{
    public static string Render(IReadOnlyList<StepRecord> steps, Bug? bug)
    {
        var text = new StringBuilder();
        var threadWidth = Math.Max(6, steps.Count == 0 ? 0 : steps.Max(s => s.Thread.Length));
        text.AppendLine("the following interleaving leads to the error:");
        text.Append("  step  ").Append("thread".PadRight(threadWidth)).AppendLine("  access");
        foreach (var step in steps)
        {
            text.Append(step.Step.ToString().PadLeft(6)).Append("  ").Append(step.Thread.PadRight(threadWidth)).Append("  ")
                .Append(step.Access.Render()).Append(' ').Append(step.Target);
            if (step.Detail is not null) text.Append(' ').Append(step.Detail);
            text.AppendLine();
            foreach (var note in step.Notes)
                text.Append(' ', 8 + threadWidth + 2).Append("| ").AppendLine(note);
        }

        if (bug is not null) text.Append("=> ").AppendLine(bug.ToString());
        return text.ToString();
    }
}
