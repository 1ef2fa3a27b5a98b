// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Text;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// The compact text form of a decision list, e.g. <c>"t0 t1 t1 c0 t2"</c>: <c>tN</c> = thread N
/// ran the next step, <c>cN</c> = a nondeterministic choice took value N. One short token per
/// decision keeps a trace of thousands of steps readable and small, and is the same spelling
/// <see cref="Decision.ToString"/> uses, so logs and files agree.
/// </summary>
public static class DecisionText
{
    public static string Format(IReadOnlyList<Decision> decisions)
    {
        var text = new StringBuilder(decisions.Count * 3);
        for (var i = 0; i < decisions.Count; i++)
        {
            if (i > 0) text.Append(' ');
            text.Append(decisions[i].Kind == DecisionKind.Thread ? 't' : 'c');
            text.Append(decisions[i].Value.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// Parses the text form, as strictly as <see cref="Format"/> writes it (single spaces, no
    /// tabs or line breaks). On a bad token returns false with its 0-based index and the token
    /// (empty for a stray space), so the caller can say exactly where the file is wrong.
    /// </summary>
    public static bool TryParse(string text, out List<Decision> decisions, out int badIndex, out string badToken)
    {
        decisions = [];
        badIndex = -1;
        badToken = "";
        // Exactly as Format writes it: tokens separated by one space each, so a trace has one spelling.
        if (text.Length == 0) return true;
        foreach (var token in text.Split(' '))
        {
            if (!TryParseToken(token, out var decision))
            {
                badIndex = decisions.Count;
                badToken = token;
                return false;
            }

            decisions.Add(decision);
        }

        return true;
    }

    private static bool TryParseToken(string token, out Decision decision)
    {
        decision = default;
        if (token.Length < 2) return false;
        var kind = token[0] switch
        {
            't' => DecisionKind.Thread,
            'c' => DecisionKind.Choice,
            _ => (DecisionKind?)null,
        };
        // Digits only: no sign, no spaces, no hex, no leading zero, so every value has exactly one spelling.
        var digits = token.AsSpan(1);
        if (digits is ['0', _, ..]) return false;
        foreach (var ch in digits)
        {
            if (ch is < '0' or > '9') return false;
        }

        if (kind is null || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return false;
        decision = new Decision(kind.Value, value);
        return true;
    }
}
