// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.HappensBefore;

/// <summary>
/// KCSAN's shadow of one shared location, in the FastTrack style (Flanagan and Freund 2009): the
/// last write, the last plain write and each thread's last plain read. The pairs reported are the
/// kernel's default KCSAN (CONFIG_KCSAN_ASSUME_PLAIN_WRITES_ATOMIC=y): a plain read against any
/// write, and a plain write against a plain read or a plain write. Two marked accesses never race
/// (LKMM), and a plain write against a marked access is not reported (the kernel assumes aligned
/// word-sized plain stores are single stores). Stale entries need no clearing: the run stops at the
/// first race, so every remembered access happens before the last write, and by transitivity
/// before anything ordered after that write.
/// </summary>
internal sealed class AccessShadow(string location)
{
    private RaceAccess _lastWrite;
    private RaceAccess _lastPlainWrite;
    private RaceAccess[] _plainReads = new RaceAccess[4];

    public string Location { get; private set; } = location;

    /// <summary>
    /// This shadow as a new one for <paramref name="newLocation"/>: nothing remembered. The
    /// runtime keeps shadows from run to run (<see cref="Runtime.ControlledRuntime"/>'s recycling),
    /// as it keeps the primitives they shadow.
    /// </summary>
    public AccessShadow Renew(string newLocation)
    {
        Location = newLocation;
        _lastWrite = default;
        _lastPlainWrite = default;
        Array.Clear(_plainReads);
        return this;
    }

    /// <summary>Records <paramref name="access"/>; returns an earlier access it races with, or a default (non-existing) one.</summary>
    public RaceAccess Record(in RaceAccess access, VectorClock clock)
    {
        var earlier = RacingWith(access, clock);
        if (!earlier.Exists) Remember(access);
        return earlier;
    }

    /// <summary>An earlier access <paramref name="access"/> races with, or a default (non-existing) one.</summary>
    private RaceAccess RacingWith(in RaceAccess access, VectorClock clock)
    {
        if (!access.IsWrite)
            return access.IsPlain && _lastWrite.IsConcurrentWith(access, clock) ? _lastWrite : default;
        if (access.IsPlain && _lastPlainWrite.IsConcurrentWith(access, clock)) return _lastPlainWrite;
        // kfree is no word-sized store: it conflicts with marked writes too.
        if (access.Kind is AccessKind.Free && _lastWrite.IsConcurrentWith(access, clock)) return _lastWrite;
        for (var i = 0; i < _plainReads.Length; i++)
            if (_plainReads[i].IsConcurrentWith(access, clock)) return _plainReads[i];
        return default;
    }

    /// <summary>
    /// Stores <paramref name="access"/> without checking it: also after a known race
    /// (<see cref="Checking.KnownRace"/>), which does not stop the run. Entries older than such a
    /// race may then stay without being ordered before the last write; a later access is still
    /// compared by clocks, so no false race comes of it, only a later pair with the stale entry.
    /// </summary>
    public void Remember(in RaceAccess access)
    {
        if (!access.IsWrite)
        {
            if (!access.IsPlain) return;
            if (access.Thread >= _plainReads.Length) Array.Resize(ref _plainReads, access.Thread * 2);
            _plainReads[access.Thread] = access;
            return;
        }

        _lastWrite = access;
        if (access.IsPlain) _lastPlainWrite = access;
    }
}
