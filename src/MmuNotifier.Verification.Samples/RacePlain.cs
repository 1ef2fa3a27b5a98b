// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// KCSAN's two classic shapes: a plain write and a plain read of one cell that nothing orders, and
/// message passing (data, then a flag) with a plain flag or with release/acquire. Every schedule is
/// harmless as far as values go; the data-race detector reports the unordered pairs anyway.
/// </summary>
public static class RacePlain
{
    public static Task Unlocked(IRuntime rt) => WriteAndRead(rt, locked: false);

    public static Task Locked(IRuntime rt) => WriteAndRead(rt, locked: true);

    public static Task PlainFlag(IRuntime rt) => MessagePassing(rt, releaseAcquire: false);

    public static Task ReleaseAcquire(IRuntime rt) => MessagePassing(rt, releaseAcquire: true);

    private static async Task WriteAndRead(IRuntime rt, bool locked)
    {
        var value = rt.NewCell("value", 0);
        var guard = rt.NewSpinLock("value_lock");

        async Task Writer()
        {
            if (locked) await guard.Lock();
            await value.Write(1);
            if (locked) await guard.Unlock();
        }

        async Task Reader()
        {
            if (locked) await guard.Lock();
            _ = await value.Read();
            if (locked) await guard.Unlock();
        }

        var writer = rt.Spawn("cpu0", Writer);
        var reader = rt.Spawn("cpu1", Reader);
        await writer.Join();
        await reader.Join();
    }

    /// <summary>The consumer reads the data only after it saw the flag set; only release/acquire orders the two.</summary>
    private static async Task MessagePassing(IRuntime rt, bool releaseAcquire)
    {
        var data = rt.NewCell("data", 0);
        var flag = rt.NewCell("flag", false);

        async Task Producer()
        {
            await data.Write(42);
            if (releaseAcquire) await flag.StoreRelease(true);
            else await flag.Write(true);
        }

        async Task Consumer()
        {
            var ready = releaseAcquire ? await flag.LoadAcquire() : await flag.Read();
            if (ready) rt.Assert(await data.Read() == 42, "the consumer saw the flag but not the data");
        }

        var producer = rt.Spawn("cpu0", Producer);
        var consumer = rt.Spawn("cpu1", Consumer);
        await producer.Join();
        await consumer.Join();
    }
}
