// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;

namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>What one seed's hunt ended with: the schedules to the finding looked for, another finding first, or nothing.</summary>
internal readonly record struct SeedOutcome(double? Schedules, bool Other = false)
{
    public static readonly SeedOutcome Nothing = new(null);
}

/// <summary>
/// Seeds 1..N of a first-finding hunt (one engine, one strategy): on how many seeds it found what
/// it looked for, the median schedules to it over those seeds, and the seeds whose first finding
/// was of another kind.
/// </summary>
internal sealed record SeedTally(int Seeds, int Found, double? Median, int Other)
{
    public static SeedTally Over(int seeds, Func<ulong, SeedOutcome> hunt)
    {
        var counts = new List<double>();
        var other = 0;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var outcome = hunt((ulong)seed);
            if (outcome.Schedules is { } schedules) counts.Add(schedules);
            else if (outcome.Other) other++;
        }

        return new SeedTally(seeds, counts.Count, counts.Count == 0 ? null : Bench.Median.Of(counts), other);
    }

    public string FoundText => $"{Found}/{Seeds}";

    public string MedianText => Median is { } m ? m.ToString("0.#", CultureInfo.InvariantCulture) : "-";

    public string OtherText => Other.ToString(CultureInfo.InvariantCulture);
}
