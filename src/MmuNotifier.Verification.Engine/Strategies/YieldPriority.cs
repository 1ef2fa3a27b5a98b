// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// The priority a yield lowers (Musuvathi and Qadeer, "Fair Stateless Model Checking", PLDI
/// 2008, as in CHESS): a thread that reaches a Yield() may not run again until every thread that
/// was enabled at that moment has run a step or stopped being enabled. So a loop that spins with
/// a yield waiting for another thread lets that thread make progress, and systematic search
/// terminates on it instead of unrolling the spin up to the step bound.
/// <para>
/// The state is a function of the decisions so far, so a strategy that replays a prefix (DFS)
/// rebuilds it exactly.
/// </para>
/// </summary>
internal sealed class YieldPriority
{
    private readonly Dictionary<int, List<int>> _waitsFor = [];

    public void Clear() => _waitsFor.Clear();

    /// <summary>Call at every scheduling point before choosing: notes a yield by the thread that ran last.</summary>
    public void Observe(in SchedulingView view)
    {
        if (view.Previous < 0 || view.Enabled.Length < 2 || !view.Enabled.Contains(view.Previous)) return;
        if (view.Pending(view.Previous).Kind != AccessKind.Yield) return;
        var others = new List<int>(view.Enabled.Length - 1);
        foreach (var id in view.Enabled)
            if (id != view.Previous) others.Add(id);
        _waitsFor[view.Previous] = others;
    }

    /// <summary>True when <paramref name="thread"/> yielded and some thread it yielded to is still enabled.</summary>
    public bool IsLowered(int thread, ReadOnlySpan<int> enabled)
    {
        if (!_waitsFor.TryGetValue(thread, out var waits)) return false;
        foreach (var id in waits)
            if (enabled.Contains(id)) return true;
        return false;
    }

    /// <summary>The enabled threads no yield lowered (all of them when every one is lowered).</summary>
    public int[] Candidates(ReadOnlySpan<int> enabled)
    {
        if (_waitsFor.Count == 0) return enabled.ToArray();
        var candidates = new List<int>(enabled.Length);
        foreach (var id in enabled)
            if (!IsLowered(id, enabled)) candidates.Add(id);
        return candidates.Count > 0 ? candidates.ToArray() : enabled.ToArray();
    }

    /// <summary>Call after choosing: <paramref name="thread"/> ran, so no yielder waits for it any more.</summary>
    public void Ran(int thread)
    {
        if (_waitsFor.Count == 0) return;
        _waitsFor.Remove(thread);
        List<int>? done = null;
        foreach (var (yielder, waits) in _waitsFor)
            if (waits.Remove(thread) && waits.Count == 0) (done ??= []).Add(yielder);
        done?.ForEach(y => _waitsFor.Remove(y));
    }
}
