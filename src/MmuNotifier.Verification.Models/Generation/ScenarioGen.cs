// SPDX-License-Identifier: GPL-2.0-only
using FsCheck;
using FsCheck.Fluent;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// FsCheck generators of legal scenarios: 1–4 pages, 0–3 subscriptions of every user model (the
/// correct drivers only: never a fails-blockable mirror) with
/// their ranges (overlapping, touching, whole-mm; an insert may carry an empty, wrapping or
/// top-of-address-space range), 2–4 threads of 1–4 core-MM and user operations, sometimes the
/// process's exit, and the fault-injection switches. Operations are drawn freely and then
/// <see cref="ScenarioRepair"/> drops the ones that would misuse the API, so every scenario
/// yielded passes <see cref="ScenarioValidation"/>.
/// </summary>
public static class ScenarioGen
{
    /// <summary>The name generated scenarios carry until a counterexample is written under its own.</summary>
    public const string Name = "generated";

    // The OOM reaper's non-blocking invalidation counts twice: it is the only core path on which
    // callbacks may refuse to sleep, and so the only way into the -EAGAIN handling.
    private static readonly OpKind[] CoreOps =
        [OpKind.Unmap, OpKind.Zap, OpKind.Migrate, OpKind.Protect, OpKind.OomReap, OpKind.OomReap, OpKind.Age, OpKind.KsmMerge];

    /// <summary>A subscription and the range its insert (if any) will name.</summary>
    private sealed record Plan(SubscriptionSpec Spec, InsertRange Range);

    public static Gen<Scenario> Scenario { get; } =
        from pages in Gen.Choose(1, 4)
        from subCount in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Constant(1)), (4, Gen.Constant(2)), (2, Gen.Constant(3)))
        from plans in Gen.CollectToList(Enumerable.Range(0, subCount).Select(i => PlanGen(i, pages)))
        from faults in FaultsGen
        from threadCount in Gen.Choose(2, 4)
        from threads in Gen.CollectToList(Enumerable.Range(0, threadCount).Select(t => ThreadGen(t, pages, plans)))
        from exit in ExitGen(threads)
        let scenario = new Scenario
        {
            Name = Name,
            Pages = pages,
            Subscriptions = plans.Select(p => p.Spec).ToList(),
            Threads = exit,
            Faults = faults,
        }
        select KnownFindings.Avoid(ScenarioRepair.Repair(scenario)) into repaired
        where repaired.Threads.Count >= 2
        select repaired;

    /// <summary>Scenarios with FsCheck shrinking by <see cref="ScenarioShrinker"/>.</summary>
    public static Arbitrary<Scenario> Arbitrary { get; } = Arb.From(Scenario, ScenarioShrinker.Shrink);

    private static Gen<Plan> PlanGen(int index, int pages) =>
        from model in Gen.Frequency(UserModels.All.Where(m => m.GenerationWeight > 0)
            .Select(m => (m.GenerationWeight, Gen.Constant(m))).ToArray())
        from first in Gen.Choose(0, pages - 1)
        from count in Gen.Choose(1, pages - first)
        from setup in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from range in Gen.Frequency((9, Gen.Constant(InsertRange.Pages)), (1, Gen.Constant(InsertRange.Empty)),
            (1, Gen.Constant(InsertRange.Wrapping)), (1, Gen.Constant(InsertRange.Top)))
        select model.Api == UserApi.Interval
            // An explicit range only shows through an insert operation, so such a user is not set up.
            ? new Plan(new SubscriptionSpec($"{model.NamePrefix}{index}", model.Name, first, count, setup && range == InsertRange.Pages), range)
            // hlist users cover the whole mm: the parser gives them every page.
            : new Plan(new SubscriptionSpec($"{model.NamePrefix}{index}", model.Name, 0, pages, setup),
                InsertRange.Pages);

    private static Gen<bool> Rarely => Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)));

    private static readonly Gen<FaultInjection> FaultsGen =
        from allocation in Rarely
        from takeAllLocks in Rarely
        from trylock in Rarely
        select new FaultInjection(allocation, takeAllLocks, trylock);

    private static Gen<ThreadSpec> ThreadGen(int index, int pages, List<Plan> plans) =>
        from count in Gen.Choose(1, 4)
        from ops in Gen.ListOf(OpGen(pages, plans), count)
        select new ThreadSpec($"t{index}", ops.ToList());

    private static Gen<OpSpec> OpGen(int pages, List<Plan> plans)
    {
        var choices = new List<(int, Gen<OpSpec>)> { (6, CoreOpGen(pages)) };
        if (plans.Count > 0) choices.Add((8, Gen.Elements(plans.ToArray()).SelectMany(p => UserOpGen(p, pages))));
        return Gen.Frequency(choices.ToArray());
    }

    private static Gen<OpSpec> CoreOpGen(int pages) =>
        from kind in Gen.Elements(CoreOps)
        from page in Gen.Choose(0, pages - 1)
        from count in Gen.Choose(1, pages - page)
        select new OpSpec(kind, Page: page, PageCount: kind == OpKind.KsmMerge ? 1 : count);

    private static Gen<OpSpec> UserOpGen(Plan plan, int pages)
    {
        var spec = plan.Spec;
        var model = UserModels.Of(spec);
        return model.Api switch
        {
            UserApi.Interval when plan.Range != InsertRange.Pages || !model.Faults => Gen.Elements(
                InsertRanges.Insert(spec, plan.Range), new OpSpec(OpKind.Remove, spec.Name)),
            UserApi.Interval => Gen.Frequency(
                (4, Gen.Choose(spec.FirstPage, spec.FirstPage + spec.PageCount - 1).Select(p => new OpSpec(OpKind.Fault, spec.Name, p))),
                (2, Gen.Constant(new OpSpec(OpKind.Insert, spec.Name))),
                (1, Gen.Constant(new OpSpec(OpKind.Remove, spec.Name)))),
            UserApi.Hlist when model.Faults => Gen.Frequency(
                (4, Gen.Choose(0, pages - 1).Select(p => new OpSpec(OpKind.Fault, spec.Name, p))),
                (1, Gen.Constant(new OpSpec(OpKind.Register, spec.Name))),
                (1, Gen.Constant(new OpSpec(OpKind.Unregister, spec.Name)))),
            UserApi.Hlist => Gen.Elements(new OpSpec(OpKind.Register, spec.Name), new OpSpec(OpKind.Unregister, spec.Name)),
            _ => Gen.Frequency(
                (2, Gen.Constant(new OpSpec(OpKind.Get, spec.Name))),
                (2, Gen.Constant(new OpSpec(OpKind.Put, spec.Name))),
                (1, Gen.Constant(new OpSpec(OpKind.Synchronize, spec.Name)))),
        };
    }

    /// <summary>In about one scenario in six the process exits: an "exit" at a random place of one thread.</summary>
    private static Gen<List<ThreadSpec>> ExitGen(List<ThreadSpec> threads) =>
        from exits in Rarely
        from thread in Gen.Choose(0, threads.Count - 1)
        from at in Gen.Choose(0, threads[thread].Ops.Count)
        select exits
            ? threads.Select((t, i) => i != thread ? t : t with { Ops = t.Ops.Take(at).Append(new OpSpec(OpKind.Exit)).Concat(t.Ops.Skip(at)).ToList() }).ToList()
            : threads;
}
