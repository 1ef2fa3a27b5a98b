// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// Scenario shapes on which the faithful port already has a known finding, kept out of
/// generation so that fuzzing the faithful port tests everything else (docs/fuzzing.md).
///
/// itree-start-leak-on-hlist-eagain (found by this fuzzer, seed 1): __mmu_notifier_invalidate_range_start
/// runs mn_itree_invalidate first and returns the hlist side's -EAGAIN as is; a non-blocking
/// caller (the OOM reaper) then calls no invalidate_range_end, so the interval side's
/// mn_itree_inv_start_range is never matched by mn_itree_inv_end: active_invalidate_ranges stays
/// raised and invalidate_seq odd. It needs an interval subscription, an hlist subscriber that
/// fails non-blockable starts (start-only) and a non-blocking invalidation (oom-reap);
/// models/itree-start-leak-on-hlist-eagain.json is the shrunk reproducer.
/// </summary>
public static class KnownFindings
{
    /// <summary>True when <paramref name="scenario"/> can reach a known finding of the faithful port.</summary>
    public static bool Reaches(Scenario scenario) =>
        scenario.Subscriptions.Any(s => s.User == UserKind.HmmMirror) &&
        scenario.Subscriptions.Any(s => s.User == UserKind.StartOnly) &&
        scenario.Threads.Any(t => t.Ops.Any(o => o.Kind == OpKind.OomReap));

    /// <summary>The scenario without the operations that make it reach a known finding.</summary>
    public static Scenario Avoid(Scenario scenario) =>
        !Reaches(scenario)
            ? scenario
            : scenario with
            {
                Threads = scenario.Threads.Select(t => t with { Ops = t.Ops.Where(o => o.Kind != OpKind.OomReap).ToList() })
                    .Where(t => t.Ops.Count > 0).ToList(),
            };
}
