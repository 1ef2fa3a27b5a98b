// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Real;

/// <summary>
/// Per-OS-thread state of one logical thread (a CPU): its atomic context (spinlocks held, no-sleep
/// regions) for might_sleep(), and what it is blocked on, for the watchdog's deadlock report.
/// </summary>
internal sealed class RealThread
{
    // One OS thread runs one logical thread of one runtime; lookups check the runtime so a thread
    // pool thread reused by another test never inherits stale state.
    [ThreadStatic]
    private static RealThread? t_current;

    public RealThread(RealRuntime runtime, int id, string name, bool counted)
    {
        Runtime = runtime;
        Id = id;
        Name = name;
        Counted = counted;
    }

    public RealRuntime Runtime { get; }

    public int Id { get; }

    public string Name { get; }

    /// <summary>Spawned by the runtime, so counted by the safepoint protocol and the end-of-run wait.</summary>
    public bool Counted { get; }

    /// <summary>Spinlocks held, innermost last: non-empty means atomic context.</summary>
    public List<string> HeldSpinLocks { get; } = [];

    /// <summary>Open EnterNoSleep regions, innermost last.</summary>
    public List<string> NoSleepReasons { get; } = [];

    /// <summary>What the thread is blocked in, or null while it runs (written by itself, read by the watchdog).</summary>
    public volatile string? WaitingOn;

    public volatile bool Finished;

    /// <summary>Has begun its first primitive operation (under a scheduler, Spawn returns only then).</summary>
    public volatile bool ReachedFirstPoint;

    /// <summary>Counted in the runtime's running threads (not parked, not blocked); guarded by the runtime's gate.</summary>
    public bool Running;

    /// <summary>Signalled when the body has returned or unwound; Join waits on it.</summary>
    public readonly object DoneSync = new();

    public bool InAtomicContext => HeldSpinLocks.Count > 0 || NoSleepReasons.Count > 0;

    public static RealThread? Current => t_current;

    public static void Attach(RealThread thread) => t_current = thread;

    public static void Detach() => t_current = null;

    public override string ToString() => Name;
}
