// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// The values a whole-number option accepts, declared with the option itself
/// (<c>new Option&lt;long&gt;("--iterations").Positive()</c>). The declaration is the one place
/// the range lives: it checks a given value as the parse is checked (in the words of
/// <see cref="OptionChecks"/>), and <see cref="ParseErrorText"/> quotes it for a value that is no
/// number at all. Before, `--iterations abc` was told the type's range,
/// <c>[-9223372036854775808, ...]</c>, of an option that takes only positive values.
/// </summary>
internal static class OptionRange
{
    private static readonly ConditionalWeakTable<Option, string> Accepted = new();

    /// <summary>What <paramref name="option"/> accepts (<c>an integer in [1, 1024]</c>), or null if it declares no range.</summary>
    public static string? Describe(Option option) => Accepted.TryGetValue(option, out var text) ? text : null;

    public static Option<T> Positive<T>(this Option<T> option) where T : struct, INumber<T>, IMinMaxValue<T> =>
        Declare(option, T.One, T.MaxValue, OptionChecks.Positive);

    public static Option<T?> Positive<T>(this Option<T?> option) where T : struct, INumber<T>, IMinMaxValue<T> =>
        Declare(option, T.One, T.MaxValue, OptionChecks.Positive);

    public static Option<T> NonNegative<T>(this Option<T> option) where T : struct, INumber<T>, IMinMaxValue<T> =>
        Declare(option, T.Zero, T.MaxValue, OptionChecks.NonNegative);

    public static Option<T?> NonNegative<T>(this Option<T?> option) where T : struct, INumber<T>, IMinMaxValue<T> =>
        Declare(option, T.Zero, T.MaxValue, OptionChecks.NonNegative);

    public static Option<T> InRange<T>(this Option<T> option, T min, T max) where T : struct, INumber<T>, IMinMaxValue<T> =>
        Declare(option, min, max, (name, value) => OptionChecks.InRange(name, value, min, max));

    /// <summary>Workers exploring in parallel: <see cref="OptionChecks.Workers"/>.</summary>
    public static Option<int> Workers(this Option<int> option) =>
        Declare(option, 1, ExplorationOptions.MaxWorkers, OptionChecks.Workers);

    /// <summary>A step bound: <see cref="OptionChecks.MaxSteps"/>.</summary>
    public static Option<int> MaxSteps(this Option<int> option) =>
        Declare(option, 1, ExplorationOptions.MaxStepsLimit, OptionChecks.MaxSteps);

    /// <summary>A number of steps (a liveness threshold): positive; how it compares with --max-steps is checked where both are read.</summary>
    public static Option<int?> Steps(this Option<int?> option) =>
        Declare(option, 1, int.MaxValue, OptionChecks.PositiveSteps);

    /// <summary>A budget in seconds (<see cref="OptionChecks.Seconds"/>, checked where it is read): what a text that is no number is told.</summary>
    public static Option<double?> Seconds(this Option<double?> option) => DeclareText(option, OptionChecks.SecondsText(allowZero: false));

    /// <inheritdoc cref="Seconds(Option{double?})"/>
    public static Option<double> Seconds(this Option<double> option, bool allowZero) => DeclareText(option, OptionChecks.SecondsText(allowZero));

    private static TOption DeclareText<TOption>(TOption option, string accepted) where TOption : Option
    {
        Accepted.AddOrUpdate(option, accepted);
        return option;
    }

    private static TOption Declare<TOption, T>(TOption option, T min, T max, Func<string, T, T> check)
        where TOption : Option where T : struct, INumber<T>
    {
        Accepted.AddOrUpdate(option, string.Create(CultureInfo.InvariantCulture, $"an integer in [{min}, {max}]"));
        option.Validators.Add(result =>
        {
            // A default is in range by construction; text that is no number is the parser's to
            // refuse (ParseErrorText quotes the range above), and must not be checked as its 0.
            if (result.Implicit || result.Tokens.Count != 1) return;
            if (!T.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return;
            try
            {
                check(option.Name, value);
            }
            catch (UsageException e)
            {
                result.AddError(e.Message);
            }
        });
        return option;
    }
}
