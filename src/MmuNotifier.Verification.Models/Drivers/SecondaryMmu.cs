// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Invariants;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// A secondary MMU's view of the address space: per page, the PTE value it mirrors, or none.
/// The owning driver changes it only under its own lock; the checker reads it freely. Besides
/// the mappings it keeps the invalidations that forbid new mappings (design.md §5,
/// no-missed-invalidation, third clause): a window opens when the user's callback for a range
/// has returned and closes when that invalidation ends.
/// </summary>
public sealed class SecondaryMmu(IRuntime rt, string owner, int pages, bool zappedBeforePteChange)
{
    private readonly ulong[] _map = new ulong[pages];
    private readonly List<Window> _windows = [];
    private readonly List<(MmuNotifierRange Range, string Message)> _undecided = [];
    private readonly HashSet<MmuNotifierRange> _started = new(ReferenceEqualityComparer.Instance);

    private readonly record struct Window(MmuNotifierRange Range, int First, int Last, bool UntilEndCallback);

    public string Owner { get; } = owner;

    /// <summary>
    /// True for start/end users (interval and hlist): they must have zapped before the PTE
    /// changes. A secondary-TLB user is flushed after the change, under the page-table lock.
    /// </summary>
    public bool ZappedBeforePteChange { get; } = zappedBeforePteChange;

    public int Count => _map.Length;

    public ulong this[int page] => _map[page];

    public bool AnyMapped => Array.Exists(_map, pte => pte != Pages.PteNone);

    /// <summary>The mappings and the invariant's bookkeeping, for a monitor's declared reads.</summary>
    public void AddReads(MonitorReads reads)
    {
        foreach (var pte in _map) reads.Add(pte);
        reads.Add(_windows.Count);
        reads.Add(_undecided.Count);
        reads.Add(_started.Count);
    }

    public void Install(int page, ulong pte)
    {
        foreach (var window in _windows)
        {
            if (page < window.First || page > window.Last) continue;
            var message = $"{Owner} maps page {page} ({Pages.Render(pte)}) after its invalidate callback for {window.Range} returned, " +
                          "before that invalidation ended";
            if (IsUndecided(window.Range)) _undecided.Add((window.Range, message));
            else rt.ReportViolation(InvariantNames.NoMissedInvalidation, message, BugComponent.Driver);
        }

        if (rt.IsTracing) rt.Annotate($"{Owner}: map page {page} -> {Pages.Render(pte)}");
        _map[page] = pte;
    }

    public void Zap(int first, int last)
    {
        first = Math.Max(first, 0);
        last = Math.Min(last, _map.Length - 1);
        for (var page = first; page <= last; page++)
        {
            if (_map[page] == Pages.PteNone) continue;
            if (rt.IsTracing) rt.Annotate($"{Owner}: zap page {page} (was {Pages.Render(_map[page])})");
            _map[page] = Pages.PteNone;
        }
    }

    public void ZapAll() => Zap(0, _map.Length - 1);

    /// <summary>
    /// A non-blocking start that has not returned yet may still fail with -EAGAIN, and then the
    /// port has already ended the interval side itself and the core changes no PTE: a mapping
    /// made in between is legal. Such a finding waits for the start's outcome.
    /// </summary>
    private bool IsUndecided(MmuNotifierRange range) =>
        !MmuNotifierH.MmuNotifierRangeBlockable(range) && !_started.Contains(range);

    /// <summary>
    /// The core MM learned how invalidate_range_start for <paramref name="range"/> ended: on
    /// success the findings that waited on it stand; on failure nothing was invalidated.
    /// </summary>
    public void StartReturned(MmuNotifierRange range, bool succeeded)
    {
        // Loops, not Find/RemoveAll with a lambda: this runs at every invalidation, and a lambda
        // capturing the range is an allocation per call.
        if (succeeded)
        {
            _started.Add(range);
            foreach (var (undecided, message) in _undecided)
            {
                if (!ReferenceEquals(undecided, range)) continue;
                // The first finding that waited on this start stands.
                if (message is not null) rt.ReportViolation(InvariantNames.NoMissedInvalidation, message, BugComponent.Driver);
                break;
            }
        }

        for (var i = _undecided.Count - 1; i >= 0; i--)
            if (ReferenceEquals(_undecided[i].Range, range)) _undecided.RemoveAt(i);
    }

    /// <summary>The user's callback for <paramref name="range"/> returned: no new mapping of those pages until it ends.</summary>
    public void OpenWindow(MmuNotifierRange range, int first, int last, bool untilEndCallback)
    {
        first = Math.Max(first, 0);
        last = Math.Min(last, _map.Length - 1);
        if (first <= last) _windows.Add(new Window(range, first, last, untilEndCallback));
    }

    /// <summary>
    /// The invalidation of <paramref name="range"/> ended: for interval users when the core MM
    /// calls invalidate_range_end (or its non-blocking start failed), for hlist users when their
    /// own end callback runs.
    /// </summary>
    public void CloseWindow(MmuNotifierRange range, bool untilEndCallback)
    {
        for (var i = _windows.Count - 1; i >= 0; i--)
            if (ReferenceEquals(_windows[i].Range, range) && _windows[i].UntilEndCallback == untilEndCallback) _windows.RemoveAt(i);
        if (!untilEndCallback) _started.Remove(range);
    }
}
