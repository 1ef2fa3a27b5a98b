// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Dpor;

/// <summary>
/// A lock's release happens before the blocking acquire it let in (DporDependence's HandsOver), and
/// the race that orders two critical sections is the one between their acquires: every order of the
/// sections is explored once, and no reversal asks for a thread still blocked on the lock.
/// </summary>
public sealed class LockHandOverTests
{
    private static VerificationReport Verify(Func<IRuntime, Task> body) =>
        Verifier.Verify(TestProgram.Sample("hand-over", body), new ExplorationOptions { Iterations = 10_000 });

    [Fact]
    public void ThreeSectionsOnOneLockAreSixExecutionsAndNoneBlocked()
    {
        var report = Verify(async rt =>
        {
            var mutex = rt.NewMutex("m");
            var x = rt.NewCell("x", 0);
            async Task Section()
            {
                await mutex.Lock();
                await x.Write(await x.Read() + 1);
                await mutex.Unlock();
            }

            var threads = new[] { rt.Spawn("a", Section), rt.Spawn("b", Section), rt.Spawn("c", Section) };
            foreach (var thread in threads) await thread.Join();
        });

        Assert.True(report.Complete);
        Assert.Equal(6, report.Executions);
        Assert.Equal(0, report.Blocked);
    }

    [Fact]
    public void ASectionOpenedByATrylockStillRacesWithTheBlockingAcquire()
    {
        // A trylock that took the lock opens a section like a lock does: its release hands over to
        // the later lock, and the race reported in its stead is the trylock's with that lock, whose
        // reversal is the run where the lock comes first and the trylock fails.
        var seen = new HashSet<(bool Took, int Read)>();
        var report = Verify(async rt =>
        {
            var mutex = rt.NewMutex("m");
            var x = rt.NewCell("x", 0);
            var took = false;
            var read = -1;
            var a = rt.Spawn("trier", async () =>
            {
                if (!(took = await mutex.TryLock())) return;
                await x.Write(1);
                await mutex.Unlock();
            });
            var b = rt.Spawn("locker", async () =>
            {
                await mutex.Lock();
                read = await x.Read();
                await mutex.Unlock();
            });
            await a.Join();
            await b.Join();
            seen.Add((took, read));
        });

        Assert.True(report.Complete);
        Assert.Contains((true, 1), seen);
        Assert.Contains((false, 0), seen);
    }
}
