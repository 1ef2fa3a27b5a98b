// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MmuNotifier.Verification.Cli.Commands;

namespace MmuNotifier.Verification.Cli;

/// <summary>
/// Fractional options (seconds) read as plain decimal numbers. The parser's own reading allows
/// thousands separators, so `--timeout 1,5` was 15 seconds, not the 1.5 a decimal comma means
/// (nor an error): a number with a ',' is refused, like any other text that is not one, and so
/// are infinity and NaN.
/// </summary>
internal static class StrictNumbers
{
    private const NumberStyles Style = NumberStyles.Float;

    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, Style, CultureInfo.InvariantCulture, out value);

    /// <summary>Gives every fractional option of <paramref name="command"/> and its subcommands the strict reading.</summary>
    public static void Apply(Command command)
    {
        foreach (var option in command.Options)
        {
            if (option is Option<double> plain) plain.CustomParser = result => Parse(plain, result) ?? 0;
            else if (option is Option<double?> nullable) nullable.CustomParser = result => Parse(nullable, result);
        }

        foreach (var subcommand in command.Subcommands) Apply(subcommand);
    }

    /// <summary>Whether the mantissa of <paramref name="text"/> (before any exponent) has a digit other than 0.</summary>
    private static bool WritesNonZeroDigit(string text)
    {
        var exponent = text.IndexOfAny(['e', 'E']);
        var mantissa = exponent < 0 ? text : text[..exponent];
        return mantissa.Any(c => c is >= '1' and <= '9');
    }

    private static double? Parse(Option option, ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
        // A number too large for a double reads as infinity, and one too small (1e-400) as 0: quote
        // what was typed, not "Infinity" or a 0 that nobody wrote.
        if (TryParse(text, out var value) && double.IsFinite(value) && (value != 0 || !WritesNonZeroDigit(text))) return value;
        result.AddError($"{option.Name}: expected {OptionRange.Describe(option) ?? "a finite number"}, found '{text}'");
        return null;
    }
}
