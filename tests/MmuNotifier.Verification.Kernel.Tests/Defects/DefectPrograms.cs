// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Kernel.Tests.Defects;

/// <summary>
/// The small concurrent programs the defect tests explore, each a function of the kernel
/// configuration so the same program runs on the faithful port and on a defect.
/// </summary>
internal static class DefectPrograms
{
    /// <summary>A mirror faults while an unmapper changes its page; <paramref name="unmappers"/> of them overlap.</summary>
    public static Func<IRuntime, Task> FaultVersusUnmap(KernelConfig config, int unmappers = 1,
        MirrorBehaviour behaviour = MirrorBehaviour.Correct) => async rt =>
    {
        var w = new DefectWorld(rt, config);
        var mirror = w.Mirror("mirror", 0, 1, behaviour);
        await w.Insert(mirror);
        var threads = Enumerable.Range(0, unmappers)
            .Select(i => rt.Spawn($"core-mm{i}", () => w.Unmap(0, 1 + i)))
            .Append(rt.Spawn("mirror-fault", () => w.Fault(mirror)))
            .ToList();
        foreach (var t in threads) await t.Join();
    };

    /// <summary>
    /// A resident mirror on page 0 and a transient one on page 1 that is inserted, faulted and
    /// removed while one unmapper covers both pages (freezing the tree) and another covers only
    /// pages 1-2 (an invalidation that may find no subscription when it starts).
    /// </summary>
    public static Func<IRuntime, Task> InsertRemoveVersusUnmaps(KernelConfig config) => async rt =>
    {
        var w = new DefectWorld(rt, config);
        var resident = w.Mirror("resident", 0, 1);
        var transient = w.Mirror("transient", 1, 1);
        await w.Insert(resident);
        var threads = new List<IThreadHandle>
        {
            rt.Spawn("core-mm0", () => w.Unmap(0, 2)),
            rt.Spawn("core-mm1", () => w.Unmap(1, 2)),
            rt.Spawn("insert-remove", async () =>
            {
                await w.Insert(transient);
                await w.Fault(transient, attempts: 1);
                await w.Remove(transient);
            }),
        };
        foreach (var t in threads) await t.Join();
    };

    /// <summary>
    /// A driver that returns false on a blockable range (a driver bug the core WARNs about and
    /// survives) next to a correct mirror, under two overlapping unmappers.
    /// </summary>
    public static Func<IRuntime, Task> BlockableFailure(KernelConfig config) => async rt =>
    {
        var w = new DefectWorld(rt, config);
        var broken = w.Mirror("broken", 0, 1, MirrorBehaviour.FailsBlockable);
        var mirror = w.Mirror("mirror", 0, 2);
        await w.Insert(broken);
        await w.Insert(mirror);
        var threads = new List<IThreadHandle>
        {
            rt.Spawn("core-mm0", () => w.Unmap(0, 1)),
            rt.Spawn("core-mm1", () => w.Unmap(0, 2)),
            rt.Spawn("mirror-fault", () => w.Fault(mirror)),
        };
        foreach (var t in threads) await t.Join();
    };

    /// <summary>The OOM reaper meets a mirror that may not sleep, while a second mirror faults and an unmapper runs.</summary>
    public static Func<IRuntime, Task> NonblockFailure(KernelConfig config) => async rt =>
    {
        var w = new DefectWorld(rt, config);
        var sleepy = w.Mirror("sleepy", 0, 2, MirrorBehaviour.FailsNonBlockable);
        var mirror = w.Mirror("mirror", 1, 1);
        await w.Insert(sleepy);
        await w.Insert(mirror);
        var threads = new List<IThreadHandle>
        {
            rt.Spawn("oom-reaper", async () => Assert.Equal(-Errno.EAGAIN, await w.ReapNonblock(0, 2))),
            rt.Spawn("core-mm", () => w.Unmap(1, 1)),
            rt.Spawn("mirror-fault", () => w.Fault(mirror)),
        };
        foreach (var t in threads) await t.Join();
    };

    /// <summary>exit_mmap of an mm with an interval mirror and a KVM-style hlist subscriber, while the mirror faults.</summary>
    public static Func<IRuntime, Task> ExitWithMirrorAndKvm(KernelConfig config) => async rt =>
    {
        var w = new DefectWorld(rt, config);
        var mirror = w.Mirror("mirror", 0, 1);
        var kvm = new HlistDriver(rt, "kvm");
        await w.Insert(mirror);
        Assert.Equal(0, await w.K.Notifier.MmuNotifierRegister(kvm.Sub, w.Mm));
        var threads = new List<IThreadHandle>
        {
            rt.Spawn("exit", w.Exit),
            rt.Spawn("mirror-fault", () => w.Fault(mirror, attempts: 1)),
        };
        foreach (var t in threads) await t.Join();
    };

    /// <summary>The first interval insert (which registers the tree) races a KVM-style registration and an unmapper.</summary>
    public static Func<IRuntime, Task> RegistrationRace(KernelConfig config) => async rt =>
    {
        var w = new DefectWorld(rt, config);
        var mirror = w.Mirror("mirror", 0, 1);
        var kvm = new HlistDriver(rt, "kvm");
        var threads = new List<IThreadHandle>
        {
            rt.Spawn("insert", () => w.Insert(mirror)),
            rt.Spawn("kvm-register", async () => Assert.Equal(0, await w.K.Notifier.MmuNotifierRegister(kvm.Sub, w.Mm))),
            rt.Spawn("core-mm", () => w.Unmap(0, 1)),
        };
        foreach (var t in threads) await t.Join();
    };

    /// <summary>KVM unregisters while reclaim invalidates its range under SRCU.</summary>
    public static Func<IRuntime, Task> UnregisterVersusInvalidation(KernelConfig config) => async rt =>
    {
        var w = new DefectWorld(rt, config);
        var kvm = new HlistDriver(rt, "kvm");
        Assert.Equal(0, await w.K.Notifier.MmuNotifierRegister(kvm.Sub, w.Mm));
        var threads = new List<IThreadHandle>
        {
            rt.Spawn("unregister", async () =>
            {
                await w.K.Notifier.MmuNotifierUnregister(kvm.Sub, w.Mm);
                kvm.Unregistered = true;
            }),
            rt.Spawn("reclaim", () => w.Unmap(0, 1)),
        };
        foreach (var t in threads) await t.Join();
    };

    /// <summary>Two get/put users of one shared subscription race an invalidation walking the list.</summary>
    public static Func<IRuntime, Task> GetPutVersusInvalidation(KernelConfig config) => async rt =>
    {
        var w = new DefectWorld(rt, config);
        var ops = new MmuNotifierOps
        {
            Name = "gp.ops",
            AllocNotifier = _ => ValueTask.FromResult(
                ErrPtr<MmuNotifierSubscription>.Of(new MmuNotifierSubscription(rt, "gp", null, rt.NewLifetime("gp")))),
            FreeNotifier = async sub => await sub.Lifetime!.Free(),
            InvalidateRangeStart = (_, _) => ValueTask.FromResult(0),
        };
        var threads = Enumerable.Range(0, 2).Select(i => rt.Spawn($"user{i}", async () =>
            {
                var got = await w.K.Header.MmuNotifierGet(ops, w.Mm);
                Assert.False(got.IsErr);
                await w.K.Notifier.MmuNotifierPut(got.Value!);
            }))
            .Append(rt.Spawn("reclaim", () => w.Unmap(0, 1)))
            .ToList();
        foreach (var t in threads) await t.Join();
        await w.K.Notifier.MmuNotifierSynchronize();
    };

    /// <summary>
    /// The OOM reaper's non-blocking start fails on a start-only subscriber after (or before)
    /// KVM's start succeeded, while reclaim runs a blocking invalidation.
    /// </summary>
    public static Func<IRuntime, Task> HlistNonblockFailure(KernelConfig config) => async rt =>
    {
        var w = new DefectWorld(rt, config);
        var kvm = new HlistDriver(rt, "kvm");
        var sleepy = new HlistDriver(rt, "sleepy", startOnly: true);
        Assert.Equal(0, await w.K.Notifier.MmuNotifierRegister(kvm.Sub, w.Mm));
        Assert.Equal(0, await w.K.Notifier.MmuNotifierRegister(sleepy.Sub, w.Mm));
        var threads = new List<IThreadHandle>
        {
            rt.Spawn("oom-reaper", async () => Assert.Equal(-Errno.EAGAIN, await w.ReapNonblock(0, 1))),
            rt.Spawn("reclaim", () => w.Unmap(0, 1)),
        };
        foreach (var t in threads) await t.Join();
        kvm.CheckAllEnded();
    };
}
