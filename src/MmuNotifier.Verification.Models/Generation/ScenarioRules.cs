// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// The API's preconditions that a scenario file can break although ScenarioParser accepts it.
/// A scenario breaking one of them is a misuse of the notifier (or of the models), and whatever
/// exploring it reports would be blamed on the kernel wrongly, so generated and shrunk scenarios
/// must obey every rule here. Each rule says which kernel or model contract it protects.
/// </summary>
public static class ScenarioRules
{
    /// <summary>Every broken rule, as one line each; empty when the scenario is a legal use of the API.</summary>
    public static IReadOnlyList<string> Problems(Scenario scenario)
    {
        var problems = new List<string>();
        var subs = scenario.Subscriptions.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var ops = scenario.Threads.SelectMany((t, ti) => t.Ops.Select((op, oi) => (Thread: ti, Index: oi, Op: op))).ToList();

        if (scenario.Expect is not null) problems.Add("a generated scenario expects no bug: 'expect' must be absent");

        foreach (var sub in scenario.Subscriptions)
        {
            // A mirror whose invalidate fails blockable ranges is a broken driver (the port WARNs).
            if (sub.FailsBlockable) problems.Add($"{sub.Name}: a fails-blockable mirror is a broken driver");
            var mine = ops.Where(o => o.Op.Sub == sub.Name).Select(o => o.Op).ToList();
            // A subscription is linked into the tree or the hlist once: a second insert/register of
            // the same object corrupts the list (the kernel does not check for it).
            var subscribes = mine.Count(o => o.Kind is OpKind.Insert or OpKind.Register);
            if (subscribes > (sub.AtSetup ? 0 : 1))
                problems.Add($"{sub.Name}: inserted or registered more than once (setup {sub.AtSetup}, {subscribes} ops)");
            // A driver tears down only what it has set up: an unregister or remove racing the
            // register or insert of the same subscription (before it returned) is a misuse.
            if (!UnsubscribesAfterSubscribe(scenario, sub))
                problems.Add($"{sub.Name}: removed or unregistered by a thread that did not insert or register it first");
            // Two racing unregisters of one subscription are a double unregister.
            if (mine.Count(o => o.Kind is OpKind.Remove or OpKind.Unregister) > 1)
                problems.Add($"{sub.Name}: removed or unregistered more than once");
            // A mirror maps only pages its interval covers; a fault elsewhere would map a page whose
            // invalidations never reach it. An insert with an explicit range may move the interval
            // away from the mirror's pages, so a fault must also be on a page that every such range
            // reaches (by at least one byte: invalidations come in whole pages).
            if (UserModels.Of(sub).Api == UserApi.Interval)
            {
                var explicitInserts = mine.Where(o => o.Kind == OpKind.Insert && (o.Start is not null || o.Length is not null)).ToList();
                foreach (var fault in mine.Where(o => o.Kind == OpKind.Fault))
                {
                    if (fault.Page < sub.FirstPage || fault.Page >= sub.FirstPage + sub.PageCount)
                        problems.Add($"{sub.Name}: faults page {fault.Page} outside its pages [{sub.FirstPage}, {sub.FirstPage + sub.PageCount})");
                    else if (explicitInserts.Any(insert => !Reaches(insert, sub, fault.Page)))
                        problems.Add($"{sub.Name}: faults page {fault.Page}, which the explicit range of its insert does not reach");
                }
            }
        }

        // KVM registers its notifier when the VM is created, before any vCPU can fault: its
        // fault's snapshot of mmu_invalidate_seq only orders against invalidations that already
        // reach it. A KVM fault racing its own registration is a misuse, not a kernel bug.
        foreach (var (thread, index, op) in ops)
        {
            if (op.Kind == OpKind.Fault && subs.TryGetValue(op.Sub!, out var kvm) && UserModels.Of(kvm).FaultsNeedRegistration && !RegisteredBefore(scenario, kvm, thread, index))
                problems.Add($"{kvm.Name} faults before it is certainly registered (at setup, or by an earlier op of the same thread)");
        }

        foreach (var (_, _, op) in ops)
        {
            // The model fills a missing half from the mirror's pages; a generated range says both.
            if ((op.Start is null) != (op.Length is null))
                problems.Add($"insert {op.Sub}: 'start' and 'length' go together");
            // 'expect' is only for the bad-input ranges, whose result does not depend on the schedule.
            if (op.Expect is { } expect && !(op.Kind == OpKind.Insert && expect == -Kernel.Errno.EOVERFLOW && IsBadRange(op)))
                problems.Add($"{op.Kind} {op.Sub}: 'expect' {ScenarioNames.Errno(expect)} only on an insert of an empty or wrapping range");
            if (op.Kind == OpKind.Insert && IsBadRange(op) && op.Expect != -Kernel.Errno.EOVERFLOW)
                problems.Add($"insert {op.Sub}: an empty or wrapping range must expect -EOVERFLOW");
            // mmu_interval_notifier_insert registers the mm's subscriptions before it checks the
            // range, so injected allocation or mm_take_all_locks failures come first.
            if (op.Expect is not null && (scenario.Faults.Allocation || scenario.Faults.TakeAllLocks))
                problems.Add($"insert {op.Sub}: 'expect' needs a result that no injected failure can change");
        }

        // "exit" is the process's last mmput. Everything the process itself does (munmap, madvise,
        // mprotect ...) and every new subscription needs mm_users, so they come before it on the
        // same thread; the kernel's own walkers are modelled without an mm reference, so they may
        // not outlive it either. Faults (mmget_not_zero), removes, unregisters and puts may race it.
        var exit = ops.FirstOrDefault(o => o.Op.Kind == OpKind.Exit);
        if (exit.Op is not null)
        {
            foreach (var (thread, index, op) in ops)
            {
                // The hlist users' faults take mmget_not_zero on an mm that only their own
                // registration keeps allocated (the models pin the mm through the subscription,
                // as a driver must by some reference): once the process is gone, such a fault is
                // legal only while that registration certainly holds — made at setup with no
                // injected failure, and not yet unregistered by this or any other thread.
                if (op.Kind == OpKind.Fault && subs.TryGetValue(op.Sub!, out var user) && PinsThroughRegistration(user) &&
                    !PinsTheMmAt(scenario, user, thread, index))
                    problems.Add($"{op.Sub} faults after exit may have freed the mm (its registration is not certain to pin it)");
                if (!ScenarioNames.IsCore(op.Kind) && !ScenarioNames.IsSubscribe(op.Kind)) continue;
                if (thread != exit.Thread || index > exit.Index)
                    problems.Add($"{OpNames.Of(op.Kind)} on {scenario.Threads[thread].Name} may run after exit (the last mmput)");
            }
        }

        if (ops.Any(o => o.Op.Sub is { } name && !subs.ContainsKey(name))) problems.Add("an operation names an unknown subscription");
        return problems;
    }

    /// <summary>An hlist user that faults: its faults need the mm its registration pins.</summary>
    internal static bool PinsThroughRegistration(SubscriptionSpec sub) => UserModels.Of(sub) is { Api: UserApi.Hlist, Faults: true };

    internal static bool UnsubscribesAfterSubscribe(Scenario scenario, SubscriptionSpec sub)
    {
        var located = scenario.Threads.SelectMany((t, ti) => t.Ops.Select((o, oi) => (ti, oi, o))).Where(x => x.o.Sub == sub.Name).ToList();
        var subscribe = located.FirstOrDefault(x => x.o.Kind is OpKind.Insert or OpKind.Register);
        if (subscribe.o is null) return true;
        return located.Where(x => x.o.Kind is OpKind.Remove or OpKind.Unregister).All(x => x.ti == subscribe.ti && x.oi > subscribe.oi);
    }

    internal static bool RegisteredBefore(Scenario scenario, SubscriptionSpec user, int thread, int index) =>
        user.AtSetup || scenario.Threads[thread].Ops.Take(index).Any(o => o.Sub == user.Name && o.Kind == OpKind.Register);

    internal static bool PinsTheMmAt(Scenario scenario, SubscriptionSpec user, int thread, int index) =>
        user.AtSetup && !scenario.Faults.Allocation && !scenario.Faults.TakeAllLocks &&
        scenario.Threads.Select((t, ti) => t.Ops.Select((o, oi) => (ti, oi, o))).SelectMany(x => x)
            .Where(x => x.o.Sub == user.Name && x.o.Kind == OpKind.Unregister)
            .All(x => x.ti == thread && x.oi > index);

    /// <summary>An insert range the tree refuses with -EOVERFLOW: empty, or start + length - 1 wraps.</summary>
    public static bool IsBadRange(OpSpec op) =>
        (op.Start is not null || op.Length is not null) &&
        (op.Length is 0 || (op.Length is { } length && (op.Start ?? 0) > ulong.MaxValue - (length - 1)));

    /// <summary>Whether the range <paramref name="insert"/> subscribes shares a byte with <paramref name="page"/>.</summary>
    private static bool Reaches(OpSpec insert, SubscriptionSpec sub, int page)
    {
        var start = insert.Start ?? Pages.Address(sub.FirstPage);
        var length = insert.Length ?? (ulong)sub.PageCount * Pages.PAGE_SIZE;
        if (length == 0 || start > ulong.MaxValue - (length - 1)) return false;
        var last = start + (length - 1);
        var pageStart = Pages.Address(page);
        return start <= pageStart + (Pages.PAGE_SIZE - 1) && last >= pageStart;
    }
}
