// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: lockdep and CONFIG_DEBUG_ATOMIC_SLEEP catch a lock retaken by its holder, a lock released by someone who does not hold it, a failed lockdep_assert_held and sleeping in atomic context.
namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>How a runtime stops the current thread with a bug (both runtimes unwind it).</summary>
internal interface ILockdepReporter
{
    string CurrentThreadName { get; }

    void ReportFatal(BugKind kind, string message);
}

/// <summary>
/// The lockdep-style checks of every primitive of both runtimes, and their one wording: the
/// primitive states the fact (held by this thread or not), the check decides and words the bug.
/// Messages are only built when a check fails, so the checks cost a branch on the hot path.
/// </summary>
internal static class Lockdep
{
    /// <summary>Taking a lock this thread already holds: it would wait for itself forever.</summary>
    public static void CheckNotHeld(ILockdepReporter reporter, bool heldByCurrent, string operation, string lockName,
        string why = "while already holding it")
    {
        if (heldByCurrent)
            reporter.ReportFatal(BugKind.Deadlock, $"self-deadlock: {reporter.CurrentThreadName} calls {operation}({lockName}) {why}");
    }

    /// <summary>Releasing a lock this thread does not hold; <paramref name="state"/> says who does.</summary>
    public static void CheckHeldForRelease(ILockdepReporter reporter, bool held, string operation, string lockName, string state)
    {
        if (!held)
            reporter.ReportFatal(BugKind.Assertion, $"{reporter.CurrentThreadName} calls {operation}({lockName}) without holding it ({state})");
    }

    /// <summary>lockdep_assert_held and its variants (<paramref name="assertion"/> is the macro's name).</summary>
    public static void CheckAssertHeld(ILockdepReporter reporter, bool held, string assertion, string lockName)
    {
        if (!held)
            reporter.ReportFatal(BugKind.Assertion, $"{assertion}({lockName}) failed on {reporter.CurrentThreadName}, which does not hold it");
    }

    /// <summary>might_sleep(): <paramref name="spinLockHeld"/> and <paramref name="noSleepReason"/> are the innermost atomic contexts, if any.</summary>
    public static void CheckMaySleep(ILockdepReporter reporter, string what, string? spinLockHeld, string? noSleepReason)
    {
        if (spinLockHeld is not null)
            reporter.ReportFatal(BugKind.SleepInAtomic, $"sleeping function called from invalid context: {what} while holding spinlock {spinLockHeld}");
        if (noSleepReason is not null)
            reporter.ReportFatal(BugKind.SleepInAtomic, $"sleeping function called from invalid context: {what} in {noSleepReason}");
    }

    /// <summary>Why synchronize_srcu inside a read-side section is a self-deadlock.</summary>
    public const string InsideOwnReadSection = "inside its own read-side critical section";

    /// <summary>The state of an srcu_read_unlock whose index no srcu_read_lock of this thread returned.</summary>
    public const string NoSrcuReadLock = "no srcu_read_lock of it returned that index";

    private const string CircularPrefix = "possible circular locking dependency";
    private const string RecursivePrefix = "possible recursive locking";

    /// <summary>A Deadlock message of lockdep's graph (a cycle or a recursive acquire), not of a schedule that deadlocked.</summary>
    public static bool IsGraphReport(string message) =>
        message.StartsWith(CircularPrefix, StringComparison.Ordinal) || message.StartsWith(RecursivePrefix, StringComparison.Ordinal);

    /// <summary>The report of a new dependency that closes a cycle: the new link and the chain back.</summary>
    public static string CircularDependency(string thread, string acquiring, in HeldLock held, IReadOnlyList<LockDependency> chainBack) =>
        $"{CircularPrefix}: {thread} takes {acquiring} [class {chainBack[0].From}] while holding {held.Name} " +
        $"[class {held.Class}] (since step {held.Step}), but already " +
        string.Join(", then ", chainBack.Select(d => d.Describe()));

    /// <summary>A non-recursive lock (lock map, rw-semaphore read side) taken again by its holder.</summary>
    public static string RecursiveLocking(string thread, string operation, string name, int since) =>
        $"{RecursivePrefix}: {thread} calls {operation}({name}) while already holding it (since step {since})";

    /// <summary>A thread that finished with locks held, innermost last.</summary>
    public static string HeldAtExit(string thread, IReadOnlyList<HeldLock> held) =>
        $"lock held when returning: {thread} finished holding " +
        string.Join(", ", held.Select(h => $"{h.Name} (since step {h.Step})"));

    /// <summary>A thread that finished inside SRCU read-side sections, oldest first.</summary>
    public static string SrcuHeldAtExit(string thread, IReadOnlyList<(string Domain, int Index, int Step)> sections) =>
        $"lock held when returning: {thread} finished inside " +
        string.Join(", ", sections.Select(s => $"srcu_read_lock({s.Domain}) idx {s.Index} (since step {s.Step})")) +
        "; a later synchronize_srcu would wait for it forever";

    /// <summary>Who holds a lock, for <see cref="CheckHeldForRelease"/>.</summary>
    public static string HeldBy(string? holder) => holder is null ? "held by nobody" : $"held by {holder}";
}

/// <summary>The C names of one exclusive lock type, for traces and messages.</summary>
internal sealed record LockNames(string Kind, string Lock, string TryLock, string Unlock)
{
    public static readonly LockNames Spin = new("spinlock", "spin_lock", "spin_trylock", "spin_unlock");

    public static readonly LockNames Mutex = new("mutex", "mutex_lock", "mutex_trylock", "mutex_unlock");
}
