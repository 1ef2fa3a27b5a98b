// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using static MmuNotifier.Verification.Kernel.Tests.Notifier.PortHarness;

namespace MmuNotifier.Verification.Kernel.Tests.Notifier;

/// <summary>Small concurrent scenarios of the interval notifier, explored by the engine.</summary>
public sealed class IntervalConcurrentTests
{
    private const ulong Page = 0x1000;

    private static MmuNotifierRange Unmap(MmStruct mm, ulong start, ulong end) =>
        MmuNotifierH.MmuNotifierRangeInit(MmuNotifierEvent.MMU_NOTIFY_UNMAP, 0, mm, start, end);

    // One PTE changed by the core MM inside a start/end pair, mirrored by an HMM-style fault.
    private static Func<IRuntime, Task> MirrorVersusInvalidation(bool driverSetsSeq) => async rt =>
    {
        var k = new KernelInstance(rt);
        var mm = k.MmAlloc("mm");
        var pte = rt.NewCell("pte", 1);
        var mirror = new Mirror(rt, "mirror", driverSetsSeq);
        Assert.Equal(0, await k.Notifier.MmuIntervalNotifierInsert(mirror.Sub, mm, 0, Page, mirror.Ops));

        var coreMm = rt.Spawn("core-mm", async () =>
        {
            var range = Unmap(mm, 0, Page);
            await k.Header.MmuNotifierInvalidateRangeStart(range);
            await pte.WriteOnce(await pte.ReadOnce() + 1);
            await k.Header.MmuNotifierInvalidateRangeEnd(range);
        });
        var fault = rt.Spawn("mirror-fault", async () =>
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var seq = await k.Notifier.MmuIntervalReadBegin(mirror.Sub);
                var value = await pte.ReadOnce();
                await mirror.Lock.Lock();
                if (await MmuNotifierH.MmuIntervalReadRetry(mirror.Sub, seq))
                {
                    await mirror.Lock.Unlock();
                    continue;
                }

                await mirror.Valid.Write(true);
                await mirror.Value.Write(value);
                await mirror.Lock.Unlock();
                return;
            }
        });
        await coreMm.Join();
        await fault.Join();
        if (mirror.Valid.Peek() && mirror.Value.Peek() != pte.Peek())
        {
            rt.ReportViolation("no-missed-invalidation",
                $"mirror maps pte version {mirror.Value.Peek()} but the pte is {pte.Peek()}", BugComponent.Driver);
        }
    };

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Faithful_port_never_leaves_a_stale_mirror(string strategy)
    {
        AssertClean(Explore(nameof(Faithful_port_never_leaves_a_stale_mirror), MirrorVersusInvalidation(true),
            iterations: 3000, strategy: strategy));
    }

    [Fact]
    public void Driver_that_skips_set_seq_is_caught()
    {
        var report = Explore(nameof(Driver_that_skips_set_seq_is_caught), MirrorVersusInvalidation(false),
            iterations: 5000, strategy: "random");
        Assert.True(report.FoundBug, "a mirror that never calls mmu_interval_set_seq must be seen to go stale");
        Assert.Equal("no-missed-invalidation", report.Bugs[0].Bug.Invariant);
    }

    // Inserts and removes race with invalidations over the same range: they must be deferred
    // while the tree is frozen, and the remove must wait for the invalidation it overlaps.
    private static async Task InsertRemoveVersusInvalidation(IRuntime rt)
    {
        var k = new KernelInstance(rt);
        var mm = k.MmAlloc("mm");
        var resident = new Mirror(rt, "resident");
        var transient = new Mirror(rt, "transient");
        Assert.Equal(0, await k.Notifier.MmuIntervalNotifierInsert(resident.Sub, mm, 0, 4 * Page, resident.Ops));
        var removed = rt.NewCell("transient.removed", false);
        var invalidatedAfterRemove = false;
        var transientOps = new MmuIntervalNotifierOps
        {
            Name = "transient.ops",
            Invalidate = async (sub, range, seq) =>
            {
                if (await removed.ReadOnce()) invalidatedAfterRemove = true;
                return await transient.Ops.Invalidate(sub, range, seq);
            },
        };

        var invalidators = Enumerable.Range(0, 2).Select(i => rt.Spawn($"core-mm{i}", async () =>
        {
            var range = Unmap(mm, (ulong)i * Page, (ulong)(i + 2) * Page);
            await k.Header.MmuNotifierInvalidateRangeStart(range);
            await k.Header.MmuNotifierInvalidateRangeEnd(range);
        })).ToList();
        var churn = rt.Spawn("insert-remove", async () =>
        {
            Assert.Equal(0, await k.Notifier.MmuIntervalNotifierInsert(transient.Sub, mm, Page, Page, transientOps));
            await k.Notifier.MmuIntervalNotifierRemove(transient.Sub);
            await removed.WriteOnce(true);
        });
        foreach (var t in invalidators) await t.Join();
        await churn.Join();

        var subscriptions = mm.NotifierSubscriptions.Peek()!;
        Assert.Equal(0UL, subscriptions.ActiveInvalidateRanges.Peek());
        Assert.Equal(0UL, subscriptions.InvalidateSeq.Peek() & 1);
        Assert.True(subscriptions.DeferredList.PeekIsEmpty);
        Assert.Equal(new[] { "resident" }, subscriptions.Itree.InOrder().Select(n => n.Owner.Name));
        Assert.Equal(1UL, resident.Sub.InvalidateSeq.Peek() & 1);
        if (invalidatedAfterRemove)
            rt.ReportViolation("remove-quiescence", "transient's invalidate ran after mmu_interval_notifier_remove returned");
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void Deferred_insert_and_remove_keep_the_tree_consistent(string strategy)
    {
        AssertClean(Explore(nameof(Deferred_insert_and_remove_keep_the_tree_consistent), InsertRemoveVersusInvalidation,
            iterations: 3000, strategy: strategy));
    }

    [Fact]
    public void Non_blocking_failure_ends_the_itree_side()
    {
        int? ret = null;
        var report = Explore(nameof(Non_blocking_failure_ends_the_itree_side), async rt =>
        {
            var k = new KernelInstance(rt);
            var mm = k.MmAlloc("mm");
            var sub = new MmuIntervalNotifier(rt, "busy");
            var ops = new MmuIntervalNotifierOps
            {
                Invalidate = (_, range, _) => ValueTask.FromResult(MmuNotifierH.MmuNotifierRangeBlockable(range)),
            };
            var other = new Mirror(rt, "other");
            Assert.Equal(0, await k.Notifier.MmuIntervalNotifierInsert(sub, mm, 0, Page, ops));
            Assert.Equal(0, await k.Notifier.MmuIntervalNotifierInsert(other.Sub, mm, 0, 2 * Page, other.Ops));
            var range = Unmap(mm, 0, 2 * Page);
            ret = await k.Header.MmuNotifierInvalidateRangeStartNonblock(range);
            var subscriptions = mm.NotifierSubscriptions.Peek()!;
            Assert.Equal(0UL, subscriptions.ActiveInvalidateRanges.Peek());
            Assert.Equal(0, subscriptions.Itree.LiveIterations);
            // The tree is writable again.
            await k.Notifier.MmuIntervalNotifierRemove(sub);
        });
        AssertClean(report);
        Assert.Equal(-Errno.EAGAIN, ret);
    }
}
