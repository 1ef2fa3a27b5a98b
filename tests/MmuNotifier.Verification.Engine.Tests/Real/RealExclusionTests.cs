// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Tests.Real;

/// <summary>The real spinlock and mutex admit one holder at a time.</summary>
public sealed class RealExclusionTests
{
    public static TheoryData<string> Locks() => ["spinlock", "mutex"];

    [Theory]
    [MemberData(nameof(Locks))]
    public void Excludes_concurrent_holders(string kind)
    {
        int counter = 0, inside = 0, overlaps = 0;
        var result = RealRun.Run(async rt =>
        {
            (Func<ValueTask> Lock, Func<ValueTask> Unlock) guard;
            if (kind == "mutex")
            {
                var mutex = rt.NewMutex("m");
                guard = (mutex.Lock, mutex.Unlock);
            }
            else
            {
                var spin = rt.NewSpinLock("lock");
                guard = (spin.Lock, spin.Unlock);
            }

            async Task Worker()
            {
                for (int i = 0; i < 300; i++)
                {
                    await guard.Lock();
                    if (Interlocked.Increment(ref inside) != 1) Interlocked.Increment(ref overlaps);
                    int seen = counter;
                    Thread.Yield();
                    counter = seen + 1;
                    Interlocked.Decrement(ref inside);
                    await guard.Unlock();
                }
            }

            var a = rt.Spawn("a", Worker);
            var b = rt.Spawn("b", Worker);
            await a.Join();
            await b.Join();
        });

        RealRun.AssertClean(result);
        Assert.Equal(600, counter);
        Assert.Equal(0, overlaps);
    }
}
