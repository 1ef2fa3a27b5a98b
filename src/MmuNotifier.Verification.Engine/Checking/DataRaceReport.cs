// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.HappensBefore;

namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>The text of a KCSAN report: the location and both accesses.</summary>
internal static class DataRaceReport
{
    public static string Describe(string location, in RaceAccess earlier, in RaceAccess later) =>
        $"data race on {location}: {earlier.Describe()} and {later.Describe()} are not ordered by happens-before";
}
