// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.HappensBefore;

namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>
/// A data race of the code under test that has been looked at and documented (for the kernel
/// port: a race the kernel source itself has, docs/defects.md). The detector still finds it on
/// every schedule that shows it, but records it by name instead of stopping the run, so the
/// exploration goes on judging the rest. Any other race, also on the same location with other
/// access kinds, is reported as usual.
/// </summary>
/// <param name="Name">The finding's name, printed with the number of schedules that showed it.</param>
/// <param name="LocationSuffix">The end of the location's name, e.g. <c>.hlist.pprev</c> for every subscription's node.</param>
/// <param name="Plain">The kind of the plain access of the pair.</param>
/// <param name="Other">The kind of the access it races with.</param>
/// <param name="PlainHoldsNoLock">
/// Only a plain access made holding no lock matches (the lockset is lockdep's: with lockdep off
/// every access holds none). The same kinds of access under a lock are another race.
/// </param>
public sealed record KnownRace(string Name, string LocationSuffix, AccessKind Plain, AccessKind Other, bool PlainHoldsNoLock = true)
{
    internal bool Matches(string location, in RaceAccess first, in RaceAccess second) =>
        location.EndsWith(LocationSuffix, StringComparison.Ordinal)
        && (IsPair(first, second) || IsPair(second, first));

    private bool IsPair(in RaceAccess plain, in RaceAccess other) =>
        plain.Kind == Plain && other.Kind == Other && (!PlainHoldsNoLock || plain.Locks.IsEmpty);
}

/// <summary>How often an exploration met a <see cref="KnownRace"/>: in how many schedules, the first of them.</summary>
public sealed record KnownRaceSeen(string Name, long Schedules, long FirstSchedule);
