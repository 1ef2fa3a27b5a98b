// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Kernel.Tests.Defects;

/// <summary>How an interval driver of the defect programs behaves in its invalidate callback.</summary>
internal enum MirrorBehaviour
{
    /// <summary>Takes its lock, records cur_seq, drops its mapping, returns true.</summary>
    Correct,

    /// <summary>Like a v1 driver: drops its mapping under its lock but never calls mmu_interval_set_seq.</summary>
    NoSetSeq,

    /// <summary>Returns false when the range is not blockable (it would have to sleep), as it may.</summary>
    FailsNonBlockable,

    /// <summary>Does its work and then returns false although the range is blockable: a broken driver.</summary>
    FailsBlockable,
}

/// <summary>
/// An HMM-style interval driver mirroring one PTE (the first page of its range) under its own
/// mutex, audited for the rules the core owes it: no callback after remove returned, and one
/// MMU_NOTIFY_RELEASE per exit.
/// </summary>
internal sealed class MirrorDriver
{
    private readonly IRuntime _rt;
    private readonly MirrorBehaviour _behaviour;

    public MirrorDriver(IRuntime rt, string name, int firstPage, int pages, MirrorBehaviour behaviour = MirrorBehaviour.Correct)
    {
        _rt = rt;
        _behaviour = behaviour;
        Name = name;
        FirstPage = firstPage;
        Pages = pages;
        Lock = rt.NewMutex($"{name}.lock");
        Valid = rt.NewCell($"{name}.valid", false);
        Value = rt.NewCell($"{name}.value", 0);
        Sub = new MmuIntervalNotifier(rt, name);
        Ops = new MmuIntervalNotifierOps { Name = $"{name}.ops", Invalidate = Invalidate };
    }

    public string Name { get; }

    public int FirstPage { get; }

    public int Pages { get; }

    public IMutex Lock { get; }

    /// <summary>The secondary mapping: valid, and which PTE version it maps.</summary>
    public ICell<bool> Valid { get; }

    public ICell<int> Value { get; }

    public MmuIntervalNotifier Sub { get; }

    public MmuIntervalNotifierOps Ops { get; }

    /// <summary>Between the return of its insert and the start of its remove.</summary>
    public bool Inserted { get; set; }

    /// <summary>Set when mmu_interval_notifier_remove has returned.</summary>
    public bool Removed { get; set; }

    public int Running { get; private set; }

    public int Releases { get; private set; }

    public ulong Start => (ulong)FirstPage * DefectWorld.Page;

    public ulong Length => (ulong)Pages * DefectWorld.Page;

    private async ValueTask<bool> Invalidate(MmuIntervalNotifier sub, MmuNotifierRange range, ulong curSeq)
    {
        if (Removed)
            _rt.ReportViolation(FindingNames.RemoveQuiescence, $"{Name}'s invalidate called for {range} after its remove returned");
        if (range.Event == MmuNotifierEvent.MMU_NOTIFY_RELEASE && ++Releases > 1)
            _rt.ReportViolation(FindingNames.ReleaseOnce, $"{Name} gets MMU_NOTIFY_RELEASE again ({Releases} in one exit)");

        var blockable = MmuNotifierH.MmuNotifierRangeBlockable(range);
        if (!blockable && _behaviour == MirrorBehaviour.FailsNonBlockable)
            return false;

        Running++;
        await Lock.Lock();
        if (_behaviour != MirrorBehaviour.NoSetSeq)
            await MmuNotifierH.MmuIntervalSetSeq(sub, curSeq);
        await Valid.Write(false);
        await Lock.Unlock();
        Running--;
        return _behaviour != MirrorBehaviour.FailsBlockable;
    }
}
