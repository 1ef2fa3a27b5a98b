// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Numerics;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>Range checks of numeric options, with one wording: "--name: expected ..., found value".</summary>
internal static class OptionChecks
{
    /// <summary>Longer than any sensible budget, and still far inside what a TimeSpan can hold.</summary>
    private const double MaxSeconds = 1e9;

    public static T Positive<T>(string name, T value) where T : INumber<T> =>
        value > T.Zero ? value : throw Expected(name, "a positive number", value);

    public static T NonNegative<T>(string name, T value) where T : INumber<T> =>
        value >= T.Zero ? value : throw Expected(name, "0 or more", value);

    /// <summary>A wall-clock budget in seconds; zero only where it means "none".</summary>
    public static TimeSpan Seconds(string name, double value, bool allowZero)
    {
        var ok = double.IsFinite(value) && value <= MaxSeconds && (value > 0 || (allowZero && value == 0));
        return ok
            ? TimeSpan.FromSeconds(value)
            : throw Expected(name, $"{(allowZero ? "0 or more" : "a positive number of")} seconds, at most {MaxSeconds:0e0}", value);
    }

    private static UsageException Expected<T>(string name, string what, T value) =>
        new($"{name}: expected {what}, found {Convert.ToString(value, CultureInfo.InvariantCulture)}");
}
