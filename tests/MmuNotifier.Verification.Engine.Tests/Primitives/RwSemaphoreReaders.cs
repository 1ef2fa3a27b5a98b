// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Tests.Primitives;

/// <summary>
/// Readers that take an rw-semaphore's read side, leave room for a writer to queue, and then take
/// it again: the cases writer fairness decides, shared by the primitive's and DPOR's tests.
/// </summary>
internal static class RwSemaphoreReaders
{
    /// <summary>down_read twice: deadlocks when a writer queued in between.</summary>
    public static async Task Recursive(IRwSemaphore sem, IRuntime rt)
    {
        await sem.DownRead();
        await rt.Yield();   // room for the writer to queue up
        await sem.DownRead();
        await sem.UpRead();
        await sem.UpRead();
    }

    /// <summary>down_read, then down_read_trylock: the trylock fails when a writer queued in between; each result goes to <paramref name="outcomes"/>.</summary>
    public static Func<IRwSemaphore, IRuntime, Task> TryingAgain(HashSet<bool> outcomes) => async (sem, rt) =>
    {
        await sem.DownRead();
        await rt.Yield();
        var taken = await sem.TryDownRead();
        outcomes.Add(taken);
        if (taken) await sem.UpRead();
        await sem.UpRead();
    };

    /// <summary>Two read sections one after the other: never stuck behind a writer.</summary>
    public static async Task LettingGoBetween(IRwSemaphore sem, IRuntime rt)
    {
        await sem.DownRead();
        await rt.Yield();
        await sem.UpRead();
        await sem.DownRead();
        await sem.UpRead();
    }
}
