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
}
