// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// Litmus tests of the Linux-kernel memory model, as engine programs. Each asserts that the
/// outcome the kernel's herd7 model forbids (or, for the "Sometimes" tests, the relaxed outcome)
/// does not happen, so a run that shows it is an assertion failure. The verdicts to match are the
/// ones the kernel's tools/memory-model/litmus-tests/ files state in their "Result:" line:
/// <list type="bullet">
/// <item><c>MP+poonceonces.litmus</c>: Sometimes (mp-plain: a finding under lkmm, nothing under sc)</item>
/// <item><c>MP+pooncerelease+poacquireonce.litmus</c>: Never (mp-release)</item>
/// <item><c>MP+fencewmbonceonce+fencermbonceonce.litmus</c>: Never (mp-wmb-rmb)</item>
/// <item><c>SB+poonceonces.litmus</c>: Sometimes (sb-once: a finding under lkmm only)</item>
/// <item><c>SB+fencembonceonces.litmus</c>: Never (sb-mb)</item>
/// <item><c>CoRR+poonceonce+Once.litmus</c>, <c>CoWR+poonceonce+Once.litmus</c>: Never (corr, cowr)</item>
/// </list>
/// The optional observer sees each run's two register values (r0, r1), so tests can compare the
/// set of outcomes with herd7's.
/// <c>LB+poonceonces.litmus</c> (Sometimes) is not reproducible here: a load only reads a store
/// that already ran, so load buffering is a known limit (tests/.../Lkmm/LitmusTests.cs).
/// </summary>
public static class Litmus
{
    public enum MpOrdering { Once, ReleaseAcquire, WmbRmb }

    /// <summary>MP: cpu0 writes the data, then the flag; cpu1 reads the flag, then the data.</summary>
    public static Func<IRuntime, Task> MessagePassing(MpOrdering ordering, Action<int, int>? observe = null) => async rt =>
    {
        var data = rt.NewCell("x", 0);
        var flag = rt.NewCell("y", 0);
        int r0 = -1, r1 = -1;

        async Task Writer()
        {
            await data.WriteOnce(1);
            if (ordering == MpOrdering.WmbRmb) rt.SmpWmb();
            if (ordering == MpOrdering.ReleaseAcquire) await flag.StoreRelease(1);
            else await flag.WriteOnce(1);
        }

        async Task Reader()
        {
            r0 = ordering == MpOrdering.ReleaseAcquire ? await flag.LoadAcquire() : await flag.ReadOnce();
            if (ordering == MpOrdering.WmbRmb) rt.SmpRmb();
            r1 = await data.ReadOnce();
        }

        await RunPair(rt, Writer, Reader);
        observe?.Invoke(r0, r1);
        rt.Assert(!(r0 == 1 && r1 == 0), $"message passing: cpu1 saw y == 1 but then x == 0 (r0={r0}, r1={r1})");
    };

    /// <summary>SB: each cpu writes its own variable, then reads the other's.</summary>
    public static Func<IRuntime, Task> StoreBuffering(bool fullBarrier, Action<int, int>? observe = null) => async rt =>
    {
        var x = rt.NewCell("x", 0);
        var y = rt.NewCell("y", 0);
        int r0 = -1, r1 = -1;

        async Task Cpu0()
        {
            await x.WriteOnce(1);
            if (fullBarrier) await rt.SmpMb();
            r0 = await y.ReadOnce();
        }

        async Task Cpu1()
        {
            await y.WriteOnce(1);
            if (fullBarrier) await rt.SmpMb();
            r1 = await x.ReadOnce();
        }

        await RunPair(rt, Cpu0, Cpu1);
        observe?.Invoke(r0, r1);
        rt.Assert(!(r0 == 0 && r1 == 0), "store buffering: both cpus read 0 (each missed the other's store)");
    };

    /// <summary>CoRR: two reads of one variable by one cpu never go backwards in coherence order.</summary>
    public static async Task CoherenceReadRead(IRuntime rt)
    {
        var x = rt.NewCell("x", 0);
        int r0 = -1, r1 = -1;
        await RunPair(rt, async () => await x.WriteOnce(1), async () =>
        {
            r0 = await x.ReadOnce();
            r1 = await x.ReadOnce();
        });
        rt.Assert(!(r0 == 1 && r1 == 0), "coherence: the second READ_ONCE(x) read an older store than the first");
    }

    /// <summary>CoWR: after its own store a cpu never reads a store coherence-ordered before it.</summary>
    public static async Task CoherenceWriteRead(IRuntime rt)
    {
        var x = rt.NewCell("x", 0);
        var r0 = -1;
        await RunPair(rt, async () =>
        {
            await x.WriteOnce(1);
            r0 = await x.ReadOnce();
        }, async () => await x.WriteOnce(2));
        var final = await x.ReadOnce();  // main joined both: it reads the last store in coherence order
        rt.Assert(!(final == 1 && r0 == 2), "coherence: cpu0 read a store that its own later-ordered store overwrote");
        rt.Assert(r0 != 0, "coherence: cpu0 read the initial value after its own store");
    }

    private static async Task RunPair(IRuntime rt, Func<Task> cpu0, Func<Task> cpu1)
    {
        var first = rt.Spawn("cpu0", cpu0);
        var second = rt.Spawn("cpu1", cpu1);
        await first.Join();
        await second.Join();
    }
}
