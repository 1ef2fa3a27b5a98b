// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Numerics;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>Range checks of numeric options, with one wording: "--name: expected ..., found value".</summary>
internal static class OptionChecks
{
    /// <summary>Longer than any sensible budget, and still far inside what a TimeSpan can hold.</summary>
    internal const double MaxSeconds = 1e9;

    public static T Positive<T>(string name, T value) where T : INumber<T> =>
        value > T.Zero ? value : throw Expected(name, "a positive number", value);

    public static T NonNegative<T>(string name, T value) where T : INumber<T> =>
        value >= T.Zero ? value : throw Expected(name, "0 or more", value);

    /// <summary>Workers exploring in parallel: 1 up to <see cref="ExplorationOptions.MaxWorkers"/>.</summary>
    public static int Workers(string name, int value) => InRange(name, value, 1, ExplorationOptions.MaxWorkers);

    /// <summary>A step bound: positive and at most <see cref="ExplorationOptions.MaxStepsLimit"/>, past which one spinning run exhausts memory.</summary>
    public static int MaxSteps(string name, int value) => value > ExplorationOptions.MaxStepsLimit
        ? throw Expected(name, $"at most {ExplorationOptions.MaxStepsLimit} steps (a run keeps every step it takes in memory)", value)
        : Positive(name, value);

    public static T InRange<T>(string name, T value, T min, T max) where T : INumber<T> =>
        value >= min && value <= max ? value : throw Expected(name, $"a number from {min} to {max}", value);

    /// <summary>
    /// A liveness threshold: positive and below the step bound, since a run is cut at the bound
    /// before a monitor could stay hot that long, and the threshold would judge nothing.
    /// </summary>
    public static int? LivenessThreshold(string name, int? value, int maxSteps) => value switch
    {
        null => null,
        <= 0 => PositiveSteps(name, value.Value),
        _ when value >= maxSteps => throw Expected(name, $"fewer steps than --max-steps ({maxSteps}), which cuts every run first", value.Value),
        _ => value,
    };

    public static int PositiveSteps(string name, int value) =>
        value > 0 ? value : throw Expected(name, "a positive number of steps", value);

    /// <summary>An option given for strategies none of which reads it is a mistake, not a setting to drop silently.</summary>
    public static void RequireRead(string option, IReadOnlyList<StrategyDescriptor> chosen, string chosenText, Func<StrategyDescriptor, bool> reads)
    {
        if (chosen.Any(reads)) return;
        var readers = StrategyRegistry.All.Where(reads).Select(d => d.Name);
        throw new UsageException($"{option}: only with a strategy that reads it ({string.Join(", ", readers)}); {chosenText} ignores it");
    }

    /// <summary>A wall-clock budget in seconds; zero only where it means "none".</summary>
    public static TimeSpan Seconds(string name, double value, bool allowZero)
    {
        var ok = double.IsFinite(value) && value <= MaxSeconds && (value > 0 || (allowZero && value == 0));
        if (!ok) throw Expected(name, SecondsText(allowZero), value);
        // Below the clock's tick a positive value became a zero budget (--timeout 1e-300 ran nothing; --stress-seconds skipped).
        var span = TimeSpan.FromSeconds(value);
        return value == 0 || span > TimeSpan.Zero ? span : throw Expected(name, $"at least {TimeSpan.FromTicks(1).TotalSeconds:0e0} seconds (the clock's tick)", value);
    }

    /// <summary>What <see cref="Seconds"/> accepts, in the words of its errors.</summary>
    public static string SecondsText(bool allowZero) =>
        string.Create(CultureInfo.InvariantCulture, $"{(allowZero ? "0 or more" : "a positive number of")} seconds, at most {MaxSeconds:0e0}");

    private static UsageException Expected<T>(string name, string what, T value) =>
        new($"{name}: expected {what}, found {Convert.ToString(value, CultureInfo.InvariantCulture)}");
}
