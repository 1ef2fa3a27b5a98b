// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Checking;

/// <summary>
/// A documented race of the program (TestProgram.KnownRaces) is counted by name and does not stop
/// the run; a race of other kinds or locks, also on the same location, is still a bug.
/// </summary>
public sealed class KnownRaceTests
{
    /// <summary>A plain read with no lock against a WRITE_ONCE under a lock; then, optionally, a plain write with no lock.</summary>
    private static Func<IRuntime, Task> UnlockedReadOfLockedWriteOnce(bool thenPlainWrite, bool readUnderLock = false) => async rt =>
    {
        var cell = rt.NewCell("node.pprev", 0);
        var guard = rt.NewSpinLock("list_lock");
        var writer = rt.Spawn("cpu0", async () =>
        {
            await guard.Lock();
            await cell.WriteOnce(1);
            await guard.Unlock();
            if (thenPlainWrite) await cell.Write(2);
        });
        var reader = rt.Spawn("cpu1", async () =>
        {
            var other = rt.NewSpinLock("other_lock");
            if (readUnderLock) await other.Lock();
            _ = await cell.Read();
            if (readUnderLock) await other.Unlock();
        });
        await writer.Join();
        await reader.Join();
    };

    private static readonly KnownRace Unhashed = new("unhashed-race", ".pprev", AccessKind.Read, AccessKind.WriteOnce);

    private static ExplorationReport Exhaust(Func<IRuntime, Task> body, IReadOnlyList<KnownRace> known) =>
        Explorer.Explore(TestProgram.Sample("known", body) with { KnownRaces = known },
            new ExplorationOptions { Strategy = "dfs", Iterations = 1000, Detectors = Detectors.All });

    [Fact]
    public void Without_the_entry_the_race_is_a_bug()
    {
        var report = Exhaust(UnlockedReadOfLockedWriteOnce(thenPlainWrite: false), []);
        Assert.True(report.FoundBug);
        Assert.Equal(BugKind.DataRace, report.Bugs[0].Bug.Kind);
        Assert.Empty(report.KnownRaces);
    }

    [Fact]
    public void A_known_race_is_counted_by_name_and_is_not_a_bug()
    {
        var report = Exhaust(UnlockedReadOfLockedWriteOnce(thenPlainWrite: false), [Unhashed]);
        Assert.False(report.FoundBug, report.Bugs.FirstOrDefault()?.ToString());
        Assert.True(report.Exhausted);
        var seen = Assert.Single(report.KnownRaces);
        Assert.Equal("unhashed-race", seen.Name);
        Assert.InRange(seen.Schedules, 1, report.Iterations);
    }

    [Fact]
    public void Another_race_after_a_known_one_still_stops_the_run()
    {
        var report = Exhaust(UnlockedReadOfLockedWriteOnce(thenPlainWrite: true), [Unhashed]);
        Assert.True(report.FoundBug);
        Assert.Matches(@"data race on node\.pprev: (read by cpu1 .* and write by cpu0|write by cpu0 .* and read by cpu1)", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void A_plain_access_under_a_lock_is_another_race()
    {
        var report = Exhaust(UnlockedReadOfLockedWriteOnce(thenPlainWrite: false, readUnderLock: true), [Unhashed]);
        Assert.True(report.FoundBug);
        Assert.Contains("locks held: other_lock", report.Bugs[0].Bug.Message);
    }
}
