// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Text;

namespace MmuNotifier.Verification.Cli;

/// <summary>
/// Error messages are one line on stderr, whatever text from an input file they quote: line
/// breaks, tabs and other control characters are shown escaped, as JSON would write them.
/// </summary>
internal static class ErrorText
{
    public static string Line(string message) => $"{CliApp.Name}: error: {Visible(message)}";

    public static string Visible(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var visible = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            visible.Append(ch switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(ch) => "\\u" + ((int)ch).ToString("x4", CultureInfo.InvariantCulture),
                _ => ch.ToString(),
            });
        }

        return visible.ToString();
    }
}
