// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// File names for traces of found bugs: program, strategy, seed and iteration, so a name alone
/// tells how to find the bug again and two bugs never overwrite each other.
/// </summary>
internal static class TraceNaming
{
    public static string PathFor(string directory, Trace trace) =>
        Path.Combine(directory, $"{Clean(trace.Subject.Name)}{DefectPart(trace)}-{Clean(trace.Strategy)}-seed{trace.Seed}-it{trace.Iteration}{TraceFile.Extension}");

    /// <summary>The defects switched on, so a defective variant's trace never overwrites the faithful one's.</summary>
    private static string DefectPart(Trace trace) => trace.Defects.Count == 0 ? "" : "+" + Clean(string.Join("+", trace.Defects));

    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var ch in text) clean.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_');
        return clean.ToString();
    }
}
