// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Bench;

internal static class Median
{
    /// <summary>The middle value; the mean of the two middle ones for an even count.</summary>
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// The median of the per-round ratios <paramref name="numerators"/>[r] / <paramref name="denominators"/>[r]
    /// (rounds with a zero denominator left out): two sides measured in the same round share that
    /// round's machine load, so their ratio varies less over rounds than either side does, and less
    /// than the ratio of the two medians, which may come from different rounds.
    /// </summary>
    public static double OfRatios(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators) => Of(Ratios(numerators, denominators));

    /// <summary>The per-round ratios <see cref="OfRatios"/> takes the median of, in round order.</summary>
    public static IReadOnlyList<double> Ratios(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators)
    {
        if (numerators.Count != denominators.Count)
            throw new ArgumentException($"{numerators.Count} numerators but {denominators.Count} denominators");
        return numerators.Zip(denominators).Where(p => p.Second != 0).Select(p => p.First / p.Second).ToList();
    }
}
