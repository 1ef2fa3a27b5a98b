// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// FsCheck's shrinker for scenarios: the smaller scenarios one step away, biggest cuts first —
/// a whole thread, one operation, a subscription with its operations, a subscription made at
/// setup instead of by an operation, a fault switch, a page of the address space, a narrower or
/// lower range, an insert's explicit range. Every candidate is strictly smaller (so shrinking
/// ends) and passes <see cref="ScenarioValidation"/> (so shrinking never leaves the API's rules).
/// </summary>
public static class ScenarioShrinker
{
    public static IEnumerable<Scenario> Shrink(Scenario scenario) =>
        Candidates(scenario).Where(ScenarioValidation.IsValid);

    private static IEnumerable<Scenario> Candidates(Scenario s)
    {
        if (s.Threads.Count > 1)
            for (var t = 0; t < s.Threads.Count; t++)
                yield return s with { Threads = Without(s.Threads, t) };

        for (var t = 0; t < s.Threads.Count; t++)
        {
            for (var i = 0; i < s.Threads[t].Ops.Count; i++)
            {
                var ops = Without(s.Threads[t].Ops, i);
                if (ops.Count > 0) yield return WithThread(s, t, s.Threads[t] with { Ops = ops });
            }
        }

        foreach (var sub in s.Subscriptions)
        {
            var threads = s.Threads.Select(t => t with { Ops = t.Ops.Where(o => o.Sub != sub.Name).ToList() }).Where(t => t.Ops.Count > 0).ToList();
            if (threads.Count > 0) yield return s with { Subscriptions = s.Subscriptions.Where(x => x != sub).ToList(), Threads = threads };
        }

        foreach (var sub in s.Subscriptions.Where(x => !x.AtSetup))
        {
            // Subscribing at setup instead of from a thread: one operation fewer, one race fewer.
            var threads = s.Threads.Select(t => t with { Ops = t.Ops.Where(o => !(o.Sub == sub.Name && ScenarioNames.IsSubscribe(o.Kind))).ToList() })
                .Where(t => t.Ops.Count > 0).ToList();
            if (threads.Count > 0)
                yield return s with { Subscriptions = Replace(s.Subscriptions, sub, sub with { AtSetup = true }), Threads = threads };
        }

        var f = s.Faults;
        if (f.Allocation) yield return s with { Faults = f with { Allocation = false } };
        if (f.TakeAllLocks) yield return s with { Faults = f with { TakeAllLocks = false } };
        if (f.Trylock) yield return s with { Faults = f with { Trylock = false } };

        if (s.Pages > 1) yield return FewerPages(s);

        for (var t = 0; t < s.Threads.Count; t++)
        {
            for (var i = 0; i < s.Threads[t].Ops.Count; i++)
            {
                foreach (var smaller in SmallerOp(s, s.Threads[t].Ops[i]))
                    yield return WithThread(s, t, s.Threads[t] with { Ops = Replace(s.Threads[t].Ops, i, smaller) });
            }
        }

        foreach (var sub in s.Subscriptions.Where(x => UserModels.Of(x).Api == UserApi.Interval))
        {
            if (sub.PageCount > 1) yield return s with { Subscriptions = Replace(s.Subscriptions, sub, sub with { PageCount = sub.PageCount - 1 }) };
            if (sub.FirstPage > 0) yield return s with { Subscriptions = Replace(s.Subscriptions, sub, sub with { FirstPage = sub.FirstPage - 1 }) };
        }
    }

    private static IEnumerable<OpSpec> SmallerOp(Scenario s, OpSpec op)
    {
        if (op.PageCount > 1) yield return op with { PageCount = op.PageCount - 1 };
        if (op.Page > 0) yield return op with { Page = op.Page - 1 };
        if (op.Start is not null || op.Length is not null) yield return op with { Start = null, Length = null, Expect = null };
    }

    /// <summary>The last page goes; whatever reached into it is cut back (and must still be valid).</summary>
    private static Scenario FewerPages(Scenario s)
    {
        var pages = s.Pages - 1;
        var subs = s.Subscriptions.Select(sub => UserModels.Of(sub).Api == UserApi.Interval
            ? sub with { PageCount = Math.Min(sub.PageCount, Math.Max(1, pages - sub.FirstPage)) }
            : sub with { PageCount = pages }).ToList();
        var threads = s.Threads.Select(t => t with
        {
            Ops = t.Ops.Select(o => o with { PageCount = Math.Max(1, Math.Min(o.PageCount, pages - o.Page)) }).ToList(),
        }).ToList();
        return s with { Pages = pages, Subscriptions = subs, Threads = threads };
    }

    private static List<T> Without<T>(IReadOnlyList<T> items, int index) => items.Where((_, i) => i != index).ToList();

    private static List<T> Replace<T>(IReadOnlyList<T> items, int index, T value) => items.Select((x, i) => i == index ? value : x).ToList();

    private static List<SubscriptionSpec> Replace(IReadOnlyList<SubscriptionSpec> items, SubscriptionSpec old, SubscriptionSpec value) =>
        items.Select(x => ReferenceEquals(x, old) ? value : x).ToList();

    private static Scenario WithThread(Scenario s, int index, ThreadSpec thread) => s with { Threads = Replace(s.Threads, index, thread) };
}
