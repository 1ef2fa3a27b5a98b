// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using MmuNotifier.Verification.Cli.Commands;

namespace MmuNotifier.Verification.Cli;

/// <summary>
/// A parse error of System.CommandLine in the words the rest of the CLI uses: the option first,
/// then what was expected and what was found (<c>--seed: expected an integer in [0, ...], found
/// '-1'</c>; the range an option declares with <see cref="OptionRange"/>, else its type's), instead of the parser's own text, which names .NET types
/// (<c>System.Nullable`1[System.Int32]</c>) and leaves out the option of a value not among its choices.
/// Built from the error's symbol, not its message, so it reads the same in every locale.
/// </summary>
internal static class ParseErrorText
{
    public static string Describe(ParseError error)
    {
        if (error.SymbolResult is OptionResult { Option: var option } result)
        {
            // The option's own range where it declares one: `--workers x` takes 1 to 1024, not any int.
            var number = OptionRange.Describe(option) ?? ExpectedNumber(option.ValueType);
            var choices = Choices(option);
            foreach (var found in result.Tokens.Select(t => t.Value))
            {
                if (number is not null && !ParsesAs(option.ValueType, found))
                    return $"{option.Name}: expected {number}, found '{found}'";
                if (choices.Count > 0 && !choices.Contains(found, StringComparer.Ordinal))
                    return $"{option.Name}: expected one of {string.Join(", ", choices)}, found '{found}'";
            }
        }

        return OneLine(error.Message);
    }

    /// <summary>Some parser messages list choices on separate tab-indented lines; errors here are one line.</summary>
    private static string OneLine(string message) =>
        string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static string? ExpectedNumber(Type type) => Type.GetTypeCode(Underlying(type)) switch
    {
        TypeCode.Int32 => Range<int>(),
        TypeCode.Int64 => Range<long>(),
        TypeCode.UInt32 => Range<uint>(),
        TypeCode.UInt64 => Range<ulong>(),
        TypeCode.Double => "a finite number",
        _ => null,
    };

    private static string Range<T>() where T : IMinMaxValue<T>, IFormattable =>
        string.Create(CultureInfo.InvariantCulture, $"an integer in [{T.MinValue}, {T.MaxValue}]");

    /// <summary>Whether the parser would take <paramref name="text"/> (it parses numbers in the invariant culture).</summary>
    private static bool ParsesAs(Type type, string text) => Type.GetTypeCode(Underlying(type)) switch
    {
        TypeCode.Int32 => int.TryParse(text, CultureInfo.InvariantCulture, out _),
        TypeCode.Int64 => long.TryParse(text, CultureInfo.InvariantCulture, out _),
        TypeCode.UInt32 => uint.TryParse(text, CultureInfo.InvariantCulture, out _),
        TypeCode.UInt64 => ulong.TryParse(text, CultureInfo.InvariantCulture, out _),
        TypeCode.Double => StrictNumbers.TryParse(text, out var value) && double.IsFinite(value),
        _ => true,
    };

    /// <summary>The values an option accepts only from among (its completions), if it has such a list.</summary>
    private static List<string> Choices(Option option) =>
        option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
}
