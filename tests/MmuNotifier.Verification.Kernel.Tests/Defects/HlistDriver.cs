// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Kernel.Tests.Defects;

/// <summary>
/// A KVM-style hlist subscriber audited for what SRCU and the start/end protocol promise it: no
/// op after mmu_notifier_unregister returned, and an invalidate_range_end for every successful
/// start. With <c>startOnly</c> it is a subscriber without an end op whose start fails with
/// -EAGAIN when it may not sleep (which the kernel allows only to such subscribers).
/// </summary>
internal sealed class HlistDriver
{
    private readonly IRuntime _rt;
    private readonly List<MmuNotifierRange> _openStarts = [];

    public HlistDriver(IRuntime rt, string name, bool startOnly = false)
    {
        _rt = rt;
        Name = name;
        Ops = startOnly
            ? new MmuNotifierOps { Name = $"{name}.ops", InvalidateRangeStart = FailingStart }
            : new MmuNotifierOps
            {
                Name = $"{name}.ops",
                Release = async (sub, _) => await Check("release"),
                InvalidateRangeStart = Start,
                InvalidateRangeEnd = End,
            };
        Sub = new MmuNotifierSubscription(rt, name, Ops);
    }

    public string Name { get; }

    public MmuNotifierOps Ops { get; }

    public MmuNotifierSubscription Sub { get; }

    /// <summary>Set when mmu_notifier_unregister has returned.</summary>
    public bool Unregistered { get; set; }

    /// <summary>Reports starts left without their end; call once every invalidation is over.</summary>
    public void CheckAllEnded()
    {
        if (_openStarts.Count > 0)
            _rt.ReportViolation(FindingNames.HlistSrcu, $"{Name}: invalidate_range_start for {_openStarts[0]} never got its invalidate_range_end");
    }

    private async ValueTask<int> Start(MmuNotifierSubscription sub, MmuNotifierRange range)
    {
        await Check("invalidate_range_start");
        _openStarts.Add(range);
        return 0;
    }

    private async ValueTask End(MmuNotifierSubscription sub, MmuNotifierRange range)
    {
        await Check("invalidate_range_end");
        if (!_openStarts.Remove(range))
            _rt.ReportViolation(FindingNames.HlistSrcu, $"{Name}: invalidate_range_end for {range} without a start");
    }

    private async ValueTask<int> FailingStart(MmuNotifierSubscription sub, MmuNotifierRange range)
    {
        await Check("invalidate_range_start");
        return MmuNotifierH.MmuNotifierRangeBlockable(range) ? 0 : -Errno.EAGAIN;
    }

    // A scheduling point first, so that an unregister can return between the list walk reaching
    // this subscription and the op looking at it.
    private async ValueTask Check(string op)
    {
        await _rt.Yield();
        if (Unregistered)
            _rt.ReportViolation(FindingNames.HlistSrcu, $"{op} of {Name} ran after mmu_notifier_unregister returned");
    }
}
