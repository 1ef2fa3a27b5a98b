// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

/// <summary>
/// A systematic tester that takes the real runtime's OS threads over (Coyote's controlled
/// operations): it runs one thread at a time, decides at every primitive operation which one goes
/// on, parks blocked threads on a condition it re-evaluates itself, and makes the coin flips. The
/// real primitives stay as they are; with a scheduler set, the runtime's safepoints, watchdog and
/// OS-level waits give way to these calls.
/// </summary>
public interface IThreadScheduler
{
    /// <summary>On the spawning thread, before the new OS thread starts; the token is handed to <see cref="ThreadStarted"/>.</summary>
    object? CreateThread(string name);

    /// <summary>The first call on the new OS thread; returns once the scheduler lets it run.</summary>
    void ThreadStarted(object? token);

    /// <summary>The last call on a thread whose body has returned or unwound.</summary>
    void ThreadFinished();

    /// <summary>The start of every primitive operation: other threads may run before it returns.</summary>
    void SchedulingPoint();

    /// <summary>
    /// Parks the current thread until <paramref name="ready"/> holds. The scheduler evaluates it
    /// while no thread of the run executes, so it needs no lock.
    /// </summary>
    void PauseUntil(Func<bool> ready);

    /// <summary>A controlled choice in [0, <paramref name="count"/>).</summary>
    int Choose(int count);

    /// <summary>A fatal bug stopped the run: the scheduler reports it as its own failure (and may unwind the caller).</summary>
    void Fail(Bug bug);
}
