// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Tests.Real;

namespace MmuNotifier.Verification.Engine.Tests.Checking;

/// <summary>
/// One helper words the lockdep-style checks for both runtimes: the same misuse reads the same,
/// whether the exploration engine or a real stress run caught it.
/// </summary>
public sealed class LockdepWordingTests
{
    public static TheoryData<string, BugKind, string> Misuses() => new()
    {
        { "spin-relock", BugKind.Deadlock, "self-deadlock: main calls spin_lock(l) while already holding it" },
        { "mutex-unlock-unheld", BugKind.Assertion, "main calls mutex_unlock(m) without holding it (held by nobody)" },
        { "spin-assert-held", BugKind.Assertion, "lockdep_assert_held(l) failed on main, which does not hold it" },
        { "rwsem-assert-write-held", BugKind.Assertion, "lockdep_assert_held_write(sem) failed on main, which does not hold it" },
        { "rwsem-read-under-write", BugKind.Deadlock, "self-deadlock: main calls down_read(sem) while holding it for write" },
        { "up-write-unheld", BugKind.Assertion, "main calls up_write(sem) without holding it (held by nobody)" },
        { "mutex-under-spin", BugKind.SleepInAtomic, "sleeping function called from invalid context: mutex_lock(m) while holding spinlock l" },
        { "mutex-in-no-sleep", BugKind.SleepInAtomic, "sleeping function called from invalid context: mutex_lock(m) in non-blockable invalidation" },
        { "sync-in-read-section", BugKind.Deadlock, "self-deadlock: main calls synchronize_srcu(srcu) inside its own read-side critical section" },
    };

    private static Func<IRuntime, Task> Misuse(string name) => name switch
    {
        "spin-relock" => async rt =>
        {
            var l = rt.NewSpinLock("l");
            await l.Lock();
            await l.Lock();
        },
        "mutex-unlock-unheld" => async rt => await rt.NewMutex("m").Unlock(),
        "spin-assert-held" => rt =>
        {
            rt.NewSpinLock("l").AssertHeld();
            return Task.CompletedTask;
        },
        "rwsem-assert-write-held" => async rt =>
        {
            var sem = rt.NewRwSemaphore("sem");
            await sem.DownRead();
            sem.AssertWriteHeld();
        },
        "rwsem-read-under-write" => async rt =>
        {
            var sem = rt.NewRwSemaphore("sem");
            await sem.DownWrite();
            await sem.DownRead();
        },
        "up-write-unheld" => async rt => await rt.NewRwSemaphore("sem").UpWrite(),
        "mutex-under-spin" => async rt =>
        {
            var l = rt.NewSpinLock("l");
            var m = rt.NewMutex("m");
            await l.Lock();
            await m.Lock();
        },
        "mutex-in-no-sleep" => async rt =>
        {
            var m = rt.NewMutex("m");
            using (rt.EnterNoSleep("non-blockable invalidation"))
                await m.Lock();
        },
        "sync-in-read-section" => async rt =>
        {
            var srcu = rt.NewSrcu("srcu");
            _ = await srcu.ReadLock();
            await srcu.Synchronize();
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void TheControlledRuntimeReportsTheMisuseInTheSharedWording(string misuse, BugKind kind, string message)
    {
        var report = Explore.Body(Misuse(misuse), "dfs", iterations: 1);

        var bug = Assert.Single(report.Bugs).Bug;
        Assert.Equal(kind, bug.Kind);
        Assert.Equal(message, bug.Message);
    }

    [Theory]
    [MemberData(nameof(Misuses))]
    public void TheRealRuntimeReportsTheMisuseInTheSameWording(string misuse, BugKind kind, string message)
    {
        var bug = RealRun.AssertSingleBug(RealRun.Run(Misuse(misuse)), kind);

        Assert.Equal(message, bug.Message);
    }
}
