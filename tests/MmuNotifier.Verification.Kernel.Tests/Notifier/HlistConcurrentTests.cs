// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using static MmuNotifier.Verification.Kernel.Tests.Notifier.PortHarness;

namespace MmuNotifier.Verification.Kernel.Tests.Notifier;

/// <summary>Hlist subscribers under SRCU: register, unregister, exit_mmap, get/put.</summary>
public sealed class HlistConcurrentTests
{
    private static MmuNotifierRange Clear(MmStruct mm) =>
        MmuNotifierH.MmuNotifierRangeInit(MmuNotifierEvent.MMU_NOTIFY_CLEAR, 0, mm, 0, 0x1000);

    // A KVM-like subscriber whose ops fail the run if they run after unregister returned.
    private sealed class Secondary
    {
        public Secondary(IRuntime rt, string name)
        {
            Unregistered = rt.NewCell($"{name}.unregistered", false);
            Ops = new MmuNotifierOps
            {
                Name = $"{name}.ops",
                Release = async (sub, _) => { await Check(rt, sub, "release"); Releases++; },
                InvalidateRangeStart = async (sub, _) => { await Check(rt, sub, "invalidate_range_start"); return 0; },
                InvalidateRangeEnd = (sub, _) => Check(rt, sub, "invalidate_range_end"),
            };
            Sub = new MmuNotifierSubscription(rt, name, Ops);
        }

        public ICell<bool> Unregistered { get; }

        public MmuNotifierOps Ops { get; }

        public MmuNotifierSubscription Sub { get; }

        public int Releases { get; private set; }

        private async ValueTask Check(IRuntime rt, MmuNotifierSubscription sub, string op)
        {
            if (await Unregistered.ReadOnce())
                rt.ReportViolation("hlist-srcu", $"{op} of {sub.Name} ran after mmu_notifier_unregister returned");
        }
    }

    private static Task UnregisterVersusExitAndInvalidate(IRuntime rt) => UnregisterVersusExit(rt, maxReleases: 2);

    // Both unregister and exit_mmap's mn_hlist_release may find the subscription still hashed and
    // call ->release: the kernel tolerates that, so drivers' release must be idempotent.
    private static async Task UnregisterVersusExit(IRuntime rt, int maxReleases)
    {
        var k = new KernelInstance(rt);
        var mm = k.MmAlloc("mm");
        var kvm = new Secondary(rt, "kvm");
        Assert.Equal(0, await k.Notifier.MmuNotifierRegister(kvm.Sub, mm));
        // The invalidating thread keeps the struct alive without being an mm user (an rmap walker).
        await k.Sched.Mmgrab(mm);

        var unregister = rt.Spawn("unregister", async () =>
        {
            await k.Notifier.MmuNotifierUnregister(kvm.Sub, mm);
            await kvm.Unregistered.WriteOnce(true);
        });
        var exit = rt.Spawn("exit", () => k.Sched.Mmput(mm).AsTask());
        var reclaim = rt.Spawn("reclaim", async () =>
        {
            var range = Clear(mm);
            await mm.RmapLocks.DownRead();
            await k.Header.MmuNotifierInvalidateRangeStart(range);
            await k.Header.MmuNotifierInvalidateRangeEnd(range);
            await mm.RmapLocks.UpRead();
            await k.Sched.Mmdrop(mm);
        });
        await unregister.Join();
        await exit.Join();
        await reclaim.Join();
        Assert.True(mm.Lifetime.IsFreed);
        Assert.InRange(kvm.Releases, 1, maxReleases);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Unregister_racing_exit_mmap_and_an_invalidation_is_clean(string strategy)
    {
        // The kernel's own race between unregister's unlocked hlist_unhashed and release's unlink
        // (docs/defects.md) is known; anything else KCSAN or the checks see fails the test.
        var report = Explore(nameof(Unregister_racing_exit_mmap_and_an_invalidation_is_clean), UnregisterVersusExitAndInvalidate,
            iterations: 3000, strategy: strategy, knownRaces: [PortDataRaces.UnregisterUnhashed]);
        AssertClean(report);
        Assert.Contains(report.KnownRaces, k => k.Name == PortDataRaces.UnregisterUnhashed.Name);
    }

    [Fact]
    public void Unregister_racing_exit_mmap_is_the_kernels_unhashed_data_race()
    {
        var report = Explore(nameof(Unregister_racing_exit_mmap_is_the_kernels_unhashed_data_race), UnregisterVersusExitAndInvalidate,
            iterations: 3000);
        Assert.True(report.FoundBug);
        Assert.Equal(Engine.Checking.BugKind.DataRace, report.Bugs[0].Bug.Kind);
        Assert.Matches(@"data race on sub\[kvm\]\.hlist\.pprev: .*read by unregister at step \d+ \(locks held: none\)", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void Release_can_run_twice_when_unregister_races_exit_mmap()
    {
        var report = Explore(nameof(Release_can_run_twice_when_unregister_races_exit_mmap),
            rt => UnregisterVersusExit(rt, maxReleases: 1), iterations: 3000, knownRaces: [PortDataRaces.UnregisterUnhashed]);
        Assert.True(report.FoundBug, "the faithful kernel may call ->release from both paths");
        Assert.Contains("InRange", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void Both_tlb_and_start_end_ops_are_EINVAL_with_a_warning()
    {
        int? ret = null;
        var report = Explore(nameof(Both_tlb_and_start_end_ops_are_EINVAL_with_a_warning), async rt =>
        {
            var k = new KernelInstance(rt);
            var mm = k.MmAlloc("mm");
            var ops = new MmuNotifierOps
            {
                ArchInvalidateSecondaryTlbs = (_, _, _, _) => ValueTask.CompletedTask,
                InvalidateRangeEnd = (_, _) => ValueTask.CompletedTask,
            };
            ret = await k.Notifier.MmuNotifierRegister(new MmuNotifierSubscription(rt, "both", ops), mm);
            Assert.Null(mm.NotifierSubscriptions.Peek());
        });
        Assert.Equal(-Errno.EINVAL, ret);
        Assert.Equal(Engine.Checking.BugKind.WarnOn, Assert.Single(report.Bugs).Bug.Kind);
    }

    private static async Task GetPutVersusInvalidation(IRuntime rt)
    {
        var k = new KernelInstance(rt);
        var mm = k.MmAlloc("mm");
        var freed = rt.NewCell("freed", 0);
        MmuNotifierOps? ops = null;
        ops = new MmuNotifierOps
        {
            Name = "gp.ops",
            AllocNotifier = m =>
            {
                var life = rt.NewLifetime("gp");
                return ValueTask.FromResult(ErrPtr<MmuNotifierSubscription>.Of(new MmuNotifierSubscription(rt, "gp", null, life)));
            },
            FreeNotifier = async sub =>
            {
                // The test's own tally; two SRCU callbacks may run at once, so it is marked (not the port's business).
                await freed.WriteOnce(await freed.ReadOnce() + 1);
                await sub.Lifetime!.Free();
            },
            InvalidateRangeStart = (_, _) => ValueTask.FromResult(0),
        };

        var users = Enumerable.Range(0, 2).Select(i => rt.Spawn($"user{i}", async () =>
        {
            var got = await k.Header.MmuNotifierGet(ops, mm);
            Assert.False(got.IsErr);
            await k.Notifier.MmuNotifierPut(got.Value!);
        })).ToList();
        // An rmap walker, as in the kernel: the rmap locks order it against the register's
        // mm_take_all_locks (without them, mm_has_notifiers' plain read races the publication).
        var invalidate = rt.Spawn("invalidate", async () =>
        {
            var range = Clear(mm);
            await mm.RmapLocks.DownRead();
            await k.Header.MmuNotifierInvalidateRangeStart(range);
            await k.Header.MmuNotifierInvalidateRangeEnd(range);
            await mm.RmapLocks.UpRead();
        });
        foreach (var u in users) await u.Join();
        await invalidate.Join();
        await k.Notifier.MmuNotifierSynchronize();
        await k.Sched.Mmput(mm);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Get_put_racing_an_invalidation_is_clean(string strategy)
    {
        AssertClean(Explore(nameof(Get_put_racing_an_invalidation_is_clean), GetPutVersusInvalidation,
            iterations: 3000, strategy: strategy));
    }
}
