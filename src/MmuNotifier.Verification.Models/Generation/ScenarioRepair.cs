// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// Makes a freely drawn scenario legal by dropping the operations <see cref="ScenarioRules"/>
/// forbids (a second subscribe or unsubscribe of one subscription, a second exit, process work
/// or new subscriptions that could run after the exit) and then the threads left without work.
/// Dropping rather than redrawing keeps the generator's distribution simple to reason about.
/// </summary>
public static class ScenarioRepair
{
    public static Scenario Repair(Scenario scenario)
    {
        var subs = scenario.Subscriptions.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var subscribed = new HashSet<string>(StringComparer.Ordinal);
        var unsubscribed = new HashSet<string>(StringComparer.Ordinal);
        var exit = FirstExit(scenario);
        var threads = new List<ThreadSpec>();
        for (var t = 0; t < scenario.Threads.Count; t++)
        {
            var thread = scenario.Threads[t];
            var kept = new List<OpSpec>();
            for (var i = 0; i < thread.Ops.Count; i++)
            {
                var op = thread.Ops[i];
                if (op.Kind == OpKind.Exit && (t, i) != exit) continue;
                if (exit is var (exitThread, exitIndex) && (ScenarioNames.IsCore(op.Kind) || ScenarioNames.IsSubscribe(op.Kind)) &&
                    (t != exitThread || i > exitIndex)) continue;
                if (op.Expect is not null && (scenario.Faults.Allocation || scenario.Faults.TakeAllLocks)) continue;
                if (op.Kind is OpKind.Insert or OpKind.Register && (subs[op.Sub!].AtSetup || !subscribed.Add(op.Sub!))) continue;
                if (op.Kind is OpKind.Remove or OpKind.Unregister && !unsubscribed.Add(op.Sub!)) continue;
                kept.Add(op);
            }

            if (kept.Count > 0) threads.Add(thread with { Ops = kept });
        }

        var repaired = DropEarlyKvmFaults(DropRacingTeardown(scenario with { Threads = threads }));
        return exit is null ? repaired : DropUnpinnedFaults(repaired);
    }

    /// <summary>A remove or unregister must follow its subscription's insert or register on the same thread (see ScenarioRules).</summary>
    private static Scenario DropRacingTeardown(Scenario scenario)
    {
        var racing = scenario.Subscriptions.Where(s => !ScenarioRules.UnsubscribesAfterSubscribe(scenario, s)).Select(s => s.Name).ToHashSet();
        if (racing.Count == 0) return scenario;
        var threads = scenario.Threads.Select(t => t with
        {
            Ops = t.Ops.Where(o => !(o.Kind is OpKind.Remove or OpKind.Unregister && racing.Contains(o.Sub!))).ToList(),
        }).Where(t => t.Ops.Count > 0).ToList();
        return scenario with { Threads = threads };
    }

    /// <summary>A KVM fault needs the notifier registered first (see ScenarioRules).</summary>
    private static Scenario DropEarlyKvmFaults(Scenario scenario)
    {
        var subs = scenario.Subscriptions.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var threads = scenario.Threads.Select((t, ti) => t with
        {
            Ops = t.Ops.Where((op, oi) => !(op.Kind == OpKind.Fault && UserModels.Of(subs[op.Sub!]).FaultsNeedRegistration &&
                                            !ScenarioRules.RegisteredBefore(scenario, subs[op.Sub!], ti, oi))).ToList(),
        }).Where(t => t.Ops.Count > 0).ToList();
        return scenario with { Threads = threads };
    }

    /// <summary>After an exit, an hlist user's fault needs its registration to pin the mm (see ScenarioRules).</summary>
    private static Scenario DropUnpinnedFaults(Scenario scenario)
    {
        var subs = scenario.Subscriptions.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var threads = scenario.Threads.Select((t, ti) => t with
        {
            Ops = t.Ops.Where((op, oi) => !(op.Kind == OpKind.Fault && ScenarioRules.PinsThroughRegistration(subs[op.Sub!]) &&
                                            !ScenarioRules.PinsTheMmAt(scenario, subs[op.Sub!], ti, oi))).ToList(),
        }).Where(t => t.Ops.Count > 0).ToList();
        return scenario with { Threads = threads };
    }

    private static (int Thread, int Index)? FirstExit(Scenario scenario)
    {
        for (var t = 0; t < scenario.Threads.Count; t++)
        {
            var index = scenario.Threads[t].Ops.ToList().FindIndex(o => o.Kind == OpKind.Exit);
            if (index >= 0) return (t, index);
        }

        return null;
    }
}
