// SPDX-License-Identifier: GPL-2.0-only
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

    public string Location { get; } = location;

    /// <summary>Records <paramref name="access"/>; returns an earlier access it races with, or a default (non-existing) one.</summary>
    public RaceAccess Record(in RaceAccess access, VectorClock clock)
    {
        if (!access.IsWrite)
        {
            if (!access.IsPlain) return default;
            if (_lastWrite.IsConcurrentWith(access, clock)) return _lastWrite;
            if (access.Thread >= _plainReads.Length) Array.Resize(ref _plainReads, access.Thread * 2);
            _plainReads[access.Thread] = access;
            return default;
        }

        if (access.IsPlain && _lastPlainWrite.IsConcurrentWith(access, clock)) return _lastPlainWrite;
        for (var i = 0; i < _plainReads.Length; i++)
            if (_plainReads[i].IsConcurrentWith(access, clock)) return _plainReads[i];
        _lastWrite = access;
        if (access.IsPlain) _lastPlainWrite = access;
        return default;
    }
}
