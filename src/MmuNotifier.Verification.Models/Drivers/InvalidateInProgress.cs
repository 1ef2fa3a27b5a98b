// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// KVM's mmu_invalidate_in_progress. The faithful driver touches it only under mmu_lock, so it is
/// a <see cref="Guarded{T}"/> field: plain memory, ordered by the lock, checked by lockdep and
/// KCSAN, and no scheduling point. A driver that reads it without the lock
/// (kvm-checks-retry-before-lock) needs a cell instead: a plain read outside the lock is one that
/// neither the lock nor DPOR's dependence sees, so the reversal of that read with the
/// invalidation's increment would never be tried. Which one the count is follows from whether
/// some path reads it unlocked, as <see cref="Guarded{T}"/> asks.
/// </summary>
internal sealed class InvalidateInProgress
{
    private readonly Guarded<long>? _locked;
    private readonly ICell<long>? _racy;

    public InvalidateInProgress(IRuntime rt, ISpinLock mmuLock, string owner, bool readUnlocked)
    {
        if (readUnlocked) _racy = rt.NewCell<long>($"{owner}.mmu_invalidate_in_progress", 0);
        else _locked = new Guarded<long>(mmuLock, 0);
    }

    /// <summary>The count, under mmu_lock.</summary>
    public ValueTask<long> Read() => _racy is { } cell ? cell.Read() : ValueTask.FromResult(_locked!.Value);

    /// <summary>The count += <paramref name="delta"/>, under mmu_lock.</summary>
    public async ValueTask Add(long delta)
    {
        if (_racy is { } cell) await cell.Write(await cell.Read() + delta);
        else _locked!.Value += delta;
    }

    /// <summary>The broken driver's read without mmu_lock: a marked read of the cell.</summary>
    public ValueTask<long> ReadUnlocked() =>
        _racy?.ReadOnce() ?? throw new InvalidOperationException("mmu_invalidate_in_progress is read without mmu_lock only by a driver built with readUnlocked");

    /// <summary>For annotations only.</summary>
    public long Peek() => _racy?.Peek() ?? _locked!.Peek();
}
