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
    /// <summary>File names stay well below the usual 255-byte limit; the trace itself holds the full names.</summary>
    public const int MaxFileNameLength = 200;

    public static string PathFor(string directory, Trace trace) =>
        Path.Combine(directory, Bounded($"{Clean(trace.Subject.Name)}{DefectPart(trace)}", $"-{Clean(trace.Strategy)}-seed{trace.Seed}-it{trace.Iteration}{TraceFile.Extension}"));

    /// <summary>
    /// <paramref name="stem"/> + <paramref name="tail"/>, with the stem cut and a hash of it
    /// appended when the whole would be too long, so that a long scenario name never costs the
    /// finding and two long names still differ.
    /// </summary>
    private static string Bounded(string stem, string tail)
    {
        if (stem.Length + tail.Length <= MaxFileNameLength) return stem + tail;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(stem)))[..12];
        var keep = Math.Max(16, MaxFileNameLength - tail.Length - hash.Length - 1);
        return $"{stem[..Math.Min(keep, stem.Length)]}~{hash}{tail}";
    }

    /// <summary>The defects switched on, so a defective variant's trace never overwrites the faithful one's.</summary>
    private static string DefectPart(Trace trace) => trace.Defects.Count == 0 ? "" : "+" + Clean(string.Join("+", trace.Defects));

    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var ch in text) clean.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_');
        return clean.ToString();
    }
}
