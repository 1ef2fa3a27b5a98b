// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// A reader takes an rw-semaphore's read side twice while a writer may queue in between: the
/// kernel's rwsem makes the second down_read wait behind the writer, which waits for the first.
/// </summary>
public static class RwsemQueuedWriter
{
    public static Task ReadTwice(IRuntime rt) => Run(rt, nested: true);

    public static Task ReadReleaseRead(IRuntime rt) => Run(rt, nested: false);

    private static async Task Run(IRuntime rt, bool nested)
    {
        var sem = rt.NewRwSemaphore("mmap_lock");

        async Task Reader()
        {
            await sem.DownRead();
            if (!nested) await sem.UpRead();
            await sem.DownRead();
            await sem.UpRead();
            if (nested) await sem.UpRead();
        }

        async Task Writer()
        {
            await sem.DownWrite();
            await sem.UpWrite();
        }

        var reader = rt.Spawn("cpu0", Reader);
        var writer = rt.Spawn("cpu1", Writer);
        await reader.Join();
        await writer.Join();
    }
}
