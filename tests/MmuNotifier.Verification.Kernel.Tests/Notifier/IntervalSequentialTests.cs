// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel.Notifier;
using static MmuNotifier.Verification.Kernel.Tests.Notifier.PortHarness;

namespace MmuNotifier.Verification.Kernel.Tests.Notifier;

/// <summary>Single-threaded runs of the interval-notifier API through the controlled runtime.</summary>
public sealed class IntervalSequentialTests
{
    private static MmuNotifierRange Range(Kernel.Mm.MmStruct mm, ulong start, ulong end) =>
        MmuNotifierH.MmuNotifierRangeInit(MmuNotifierEvent.MMU_NOTIFY_UNMAP, 0, mm, start, end);

    [Fact]
    public void Invalidation_between_read_begin_and_retry_forces_a_retry()
    {
        bool? retryAfterInvalidation = null, retryWithout = null, checkRetry = null;
        ulong seqBefore = 0, subSeq = 0, globalSeq = 0;
        var report = Explore(nameof(Invalidation_between_read_begin_and_retry_forces_a_retry), async rt =>
        {
            var k = new KernelInstance(rt);
            var mm = k.MmAlloc("mm");
            var mirror = new Mirror(rt, "mirror");
            Assert.Equal(0, await k.Notifier.MmuIntervalNotifierInsert(mirror.Sub, mm, 0x1000, 0x1000, mirror.Ops));
            var subscriptions = mm.NotifierSubscriptions.Peek()!;
            Assert.True(subscriptions.HasItree.Peek());
            Assert.Equal(1UL, mirror.Sub.InvalidateSeq.Peek());

            var seq = await k.Notifier.MmuIntervalReadBegin(mirror.Sub);
            retryWithout = await MmuNotifierH.MmuIntervalReadRetry(mirror.Sub, seq);

            seq = await k.Notifier.MmuIntervalReadBegin(mirror.Sub);
            seqBefore = seq;
            var range = Range(mm, 0x1800, 0x1900);
            await k.Header.MmuNotifierInvalidateRangeStart(range);
            checkRetry = await MmuNotifierH.MmuIntervalCheckRetry(mirror.Sub, seq);
            subSeq = mirror.Sub.InvalidateSeq.Peek();
            await k.Header.MmuNotifierInvalidateRangeEnd(range);
            globalSeq = subscriptions.InvalidateSeq.Peek();
            retryAfterInvalidation = await MmuNotifierH.MmuIntervalReadRetry(mirror.Sub, seq);
            Assert.Equal(1, mirror.Invalidations);
            Assert.Equal(0UL, subscriptions.ActiveInvalidateRanges.Peek());
        });
        AssertClean(report);
        Assert.False(retryWithout);
        Assert.True(checkRetry);
        Assert.True(retryAfterInvalidation);
        Assert.Equal(1UL, seqBefore);
        Assert.Equal(3UL, subSeq);
        Assert.Equal(4UL, globalSeq);
    }

    [Fact]
    public void Invalidation_outside_the_range_does_not_force_a_retry()
    {
        bool? retry = null;
        var report = Explore(nameof(Invalidation_outside_the_range_does_not_force_a_retry), async rt =>
        {
            var k = new KernelInstance(rt);
            var mm = k.MmAlloc("mm");
            var mirror = new Mirror(rt, "mirror");
            Assert.Equal(0, await k.Notifier.MmuIntervalNotifierInsert(mirror.Sub, mm, 0x1000, 0x1000, mirror.Ops));
            var seq = await k.Notifier.MmuIntervalReadBegin(mirror.Sub);
            // [0x2000, 0x3000) touches the subscription's inclusive last 0x1fff only if it overlapped.
            var range = Range(mm, 0x2000, 0x3000);
            await k.Header.MmuNotifierInvalidateRangeStart(range);
            await k.Header.MmuNotifierInvalidateRangeEnd(range);
            retry = await MmuNotifierH.MmuIntervalReadRetry(mirror.Sub, seq);
            Assert.Equal(0, mirror.Invalidations);
            Assert.Equal(2UL, mm.NotifierSubscriptions.Peek()!.InvalidateSeq.Peek());
        });
        AssertClean(report);
        Assert.False(retry);
    }

    [Theory]
    [InlineData(0x1000UL, 0UL)]
    [InlineData(ulong.MaxValue - 10, 100UL)]
    [InlineData(ulong.MaxValue, 2UL)]
    public void Empty_or_wrapping_range_is_EOVERFLOW(ulong start, ulong length)
    {
        int? ret = null;
        var report = Explore(nameof(Empty_or_wrapping_range_is_EOVERFLOW), async rt =>
        {
            var k = new KernelInstance(rt);
            var mm = k.MmAlloc("mm");
            var mirror = new Mirror(rt, "mirror");
            ret = await k.Notifier.MmuIntervalNotifierInsert(mirror.Sub, mm, start, length, mirror.Ops);
            // Nothing was pinned or inserted.
            Assert.Equal(1, mm.MmCount.Peek());
            Assert.True(mm.NotifierSubscriptions.Peek()!.Itree.IsEmpty);
        });
        AssertClean(report);
        Assert.Equal(-Errno.EOVERFLOW, ret);
    }

    [Fact]
    public void Range_ending_at_the_top_of_the_address_space_is_accepted()
    {
        int? ret = null;
        var report = Explore(nameof(Range_ending_at_the_top_of_the_address_space_is_accepted), async rt =>
        {
            var k = new KernelInstance(rt);
            var mm = k.MmAlloc("mm");
            var mirror = new Mirror(rt, "mirror");
            ret = await k.Notifier.MmuIntervalNotifierInsert(mirror.Sub, mm, ulong.MaxValue - 0xfff, 0x1000, mirror.Ops);
            Assert.Equal(ulong.MaxValue, mirror.Sub.IntervalTree.Last);
            await k.Notifier.MmuIntervalNotifierRemove(mirror.Sub);
        });
        AssertClean(report);
        Assert.Equal(0, ret);
    }

    [Fact]
    public void Insert_without_mm_users_is_EINVAL_and_warns()
    {
        int? ret = null;
        var report = Explore(nameof(Insert_without_mm_users_is_EINVAL_and_warns), async rt =>
        {
            var k = new KernelInstance(rt);
            var mm = k.MmAlloc("mm");
            var first = new Mirror(rt, "first");
            Assert.Equal(0, await k.Notifier.MmuIntervalNotifierInsert(first.Sub, mm, 0, 0x1000, first.Ops));
            await mm.MmUsers.Set(0);
            var second = new Mirror(rt, "second");
            ret = await k.Notifier.MmuIntervalNotifierInsert(second.Sub, mm, 0x1000, 0x1000, second.Ops);
        });
        Assert.Equal(-Errno.EINVAL, ret);
        var bug = Assert.Single(report.Bugs).Bug;
        Assert.Equal(BugKind.WarnOn, bug.Kind);
        Assert.Contains("mm_users", bug.Message);
    }

    [Theory]
    [InlineData(true, false, -Errno.ENOMEM)]
    [InlineData(false, true, -Errno.EINTR)]
    public void Injected_fault_fails_the_insert_with_nothing_installed(bool allocationsFail, bool takeAllLocksFails, int expected)
    {
        var config = new KernelConfig { AllocationsMayFail = allocationsFail, TakeAllLocksMayFail = takeAllLocksFails };
        var results = new HashSet<int>();
        var report = Explore(nameof(Injected_fault_fails_the_insert_with_nothing_installed), async rt =>
        {
            var k = new KernelInstance(rt, config);
            var mm = k.MmAlloc("mm");
            var mirror = new Mirror(rt, "mirror");
            var ret = await k.Notifier.MmuIntervalNotifierInsert(mirror.Sub, mm, 0, 0x1000, mirror.Ops);
            lock (results) results.Add(ret);
            if (ret != 0) Assert.Null(mm.NotifierSubscriptions.Peek());
        }, iterations: 50, strategy: "dfs");
        AssertClean(report);
        Assert.Equal(new HashSet<int> { 0, expected }, results);
    }

    [Fact]
    public void Remove_drops_the_mm_pin_and_empties_the_tree()
    {
        var report = Explore(nameof(Remove_drops_the_mm_pin_and_empties_the_tree), async rt =>
        {
            var k = new KernelInstance(rt);
            var mm = k.MmAlloc("mm");
            var mirror = new Mirror(rt, "mirror");
            Assert.Equal(0, await k.Notifier.MmuIntervalNotifierInsert(mirror.Sub, mm, 0, 0x1000, mirror.Ops));
            Assert.Equal(2, mm.MmCount.Peek());
            await k.Notifier.MmuIntervalNotifierRemove(mirror.Sub);
            Assert.Equal(1, mm.MmCount.Peek());
            Assert.True(mm.NotifierSubscriptions.Peek()!.Itree.IsEmpty);
            // The last user goes: exit_mmap releases, the last mmdrop frees the subscriptions.
            await k.Sched.Mmput(mm);
            Assert.True(mm.Lifetime.IsFreed);
        });
        AssertClean(report);
    }
}
