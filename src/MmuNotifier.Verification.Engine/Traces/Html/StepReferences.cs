// SPDX-License-Identifier: GPL-2.0-only
using System.Text.RegularExpressions;

namespace MmuNotifier.Verification.Engine.Traces.Html;

/// <summary>
/// The steps a report names: a data-race report names both accesses ("READ by cpu0 at step 5"),
/// a lockdep chain every link ("at step 9 while holding X (since step 4)"). The viewer turns each
/// into a link to that step's row, so both ends of a report are one click away.
/// </summary>
public static partial class StepReferences
{
    [GeneratedRegex(@"\bsteps? (\d+)\b")]
    private static partial Regex StepNumber();

    /// <summary>The distinct step numbers named in <paramref name="message"/>, in order of mention.</summary>
    public static IReadOnlyList<int> In(string message) =>
        StepNumber().Matches(message).Select(m => int.Parse(m.Groups[1].Value)).Distinct().ToList();

    /// <summary>Escapes <paramref name="text"/> and links each "step N" whose row exists to it.</summary>
    public static string Linked(string text, Func<int, bool> exists) =>
        StepNumber().Replace(HtmlText.Escape(text), m =>
        {
            var step = int.Parse(m.Groups[1].Value);
            return exists(step) ? $"<a class=\"step-ref\" href=\"#step-{step}\">{m.Value}</a>" : m.Value;
        });
}
