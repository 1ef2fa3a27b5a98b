// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Drivers;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// no-missed-invalidation, all four clauses of design.md §5 plus exit_mmap's:
/// (1) the core MM changes PTE p only inside a start..end of a range covering p;
/// (2) when it does, no start/end user maps p;
/// (3) a user maps nothing its returned callback covered until that invalidation ends
///     (<see cref="SecondaryMmu.Install"/>);
/// (4) whenever nobody holds the page-table lock, every valid secondary mapping equals the PTE;
/// and exit_mmap leaves no mapping behind.
/// A mapping that existed before a callback and was zapped by it breaks none of these: (2) looks
/// at the moment of the PTE change, after the callback, and (3) only at new mappings.
/// </summary>
public sealed class NoMissedInvalidation : ModelInvariant, IModelObserver
{
    private readonly List<SecondaryMmu> _mmus = [];
    private IRuntime _rt = null!;
    private PageTable _pt = null!;
    private int[] _coverage = [];

    public override string Name => InvariantNames.NoMissedInvalidation;

    /// <remarks>
    /// Secondary mappings are plain memory that drivers change after any of their own steps, so
    /// clause 4 runs after every step; it declares what it reads (<see cref="AddReads"/>) so that
    /// only steps that change those values are ordered on its behalf.
    /// </remarks>
    protected override void Attached()
    {
        _rt = World.Rt;
        _pt = World.Pt;
        _coverage = new int[_pt.Count];
        _rt.AddMonitor(Name, CheckMappingsFollowPtes, reads: AddReads);
    }

    /// <summary>
    /// Everything clause 4 reads, plus the coverage and windows clauses 1 to 3 judge inside the
    /// steps that change them: a step that moves any of it is ordered with every other one that does.
    /// </summary>
    private void AddReads(MonitorReads reads)
    {
        reads.Add(_pt.Ptl.IsLocked);
        for (var p = 0; p < _pt.Count; p++)
        {
            reads.Add(_pt.Ptes[p].Peek());
            reads.Add(_coverage[p]);
        }

        foreach (var mmu in _mmus) mmu.AddReads(reads);
    }

    public void UserAdded(UserModel user)
    {
        if (user.Mmu is { } mmu) _mmus.Add(mmu);
    }

    public void RangeStartReturned(MmuNotifierRange range)
    {
        var (first, last) = Pages.Span(range.Start, range.End, _pt.Count);
        for (var p = first; p <= last; p++) _coverage[p]++;
        foreach (var mmu in _mmus) mmu.StartReturned(range, succeeded: true);
    }

    /// <summary>Interval users may map again once their sequence allows it.</summary>
    public void RangeEnding(MmuNotifierRange range, bool started)
    {
        if (started)
        {
            var (first, last) = Pages.Span(range.Start, range.End, _pt.Count);
            for (var p = first; p <= last; p++) _coverage[p]--;
        }
        else
        {
            foreach (var mmu in _mmus) mmu.StartReturned(range, succeeded: false);
        }

        foreach (var mmu in _mmus) mmu.CloseWindow(range, untilEndCallback: false);
    }

    /// <summary>Clauses 1 and 2, right before the core MM writes PTE <paramref name="page"/>.</summary>
    public void PteChanging(int page, ulong old, ulong @new)
    {
        if (_coverage[page] == 0)
            Report($"{_rt.CurrentThreadName} changes pte[{page}] {Pages.Render(old)} -> {Pages.Render(@new)} outside any invalidate_range_start/end covering it");

        foreach (var mmu in _mmus)
        {
            if (!mmu.ZappedBeforePteChange || mmu[page] == Pages.PteNone) continue;
            Report($"pte[{page}] changes {Pages.Render(old)} -> {Pages.Render(@new)} while {mmu.Owner} still maps it ({Pages.Render(mmu[page])})");
        }
    }

    public void ExitMmapFinished()
    {
        foreach (var mmu in _mmus)
        {
            if (!mmu.AnyMapped) continue;
            Report($"exit_mmap finished but {mmu.Owner} still maps pages");
        }
    }

    /// <summary>Clause 4: outside the page-table lock a mapping is none or the current PTE.</summary>
    private string? CheckMappingsFollowPtes()
    {
        if (_pt.Ptl.IsLocked) return null;
        foreach (var mmu in _mmus)
        {
            for (var p = 0; p < mmu.Count; p++)
            {
                var mapped = mmu[p];
                if (mapped == Pages.PteNone) continue;
                var pte = _pt.Ptes[p].Peek();
                if (mapped != pte)
                    return $"{mmu.Owner} maps page {p} as {Pages.Render(mapped)} but the PTE is {Pages.Render(pte)}";
            }
        }

        return null;
    }
}
