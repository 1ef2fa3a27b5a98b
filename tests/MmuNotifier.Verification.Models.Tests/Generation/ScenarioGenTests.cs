// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Generation;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests.Generation;

/// <summary>The generators yield legal scenarios that cover the vocabulary, and the shrinker stays legal and gets smaller.</summary>
public sealed class ScenarioGenTests
{
    private static readonly Scenario[] Sample = Gen.Sample(ScenarioGen.Scenario, 400, new Rnd(20240601UL, 0x9e37_79b9_7f4a_7c15UL), 10);

    [Fact]
    public void Every_generated_scenario_is_valid_and_round_trips_through_the_parser()
    {
        foreach (var scenario in Sample)
        {
            Assert.Null(ScenarioValidation.Problem(scenario));
            var json = ScenarioWriter.ToJson(scenario);
            var parsed = ScenarioParser.Parse(Encoding.UTF8.GetBytes(json), "generated.json");
            Assert.Equal(json, ScenarioWriter.ToJson(parsed));
            Assert.InRange(scenario.Threads.Count, 2, 4);
            Assert.All(scenario.Threads, t => Assert.InRange(t.Ops.Count, 1, 5));
        }
    }

    [Fact]
    public void Generated_scenarios_cover_the_vocabulary()
    {
        var ops = Sample.SelectMany(s => s.Threads).SelectMany(t => t.Ops).ToList();
        Assert.True(!Enum.GetValues<OpKind>().Except(ops.Select(o => o.Kind)).Any(), string.Join(",", Sample.SelectMany(s => s.Subscriptions).GroupBy(x => x.User).Select(g => $"{g.Key}:{g.Count()}")));
        Assert.Equal(UserModels.All.Where(m => m.GenerationWeight > 0).Select(m => m.Name).ToHashSet(), Sample.SelectMany(s => s.Subscriptions).Select(s => s.User).ToHashSet());
        Assert.Contains(ops, o => o.Kind == OpKind.Insert && o.Length == 0);
        Assert.Contains(ops, o => o.Kind == OpKind.Insert && o.Start + o.Length == 0);
        Assert.Contains(ops, o => o.Kind == OpKind.Insert && ScenarioRules.IsBadRange(o) && o.Length > 0);
        Assert.Contains(Sample, s => s.Faults.Allocation);
        Assert.Contains(Sample, s => s.Faults.TakeAllLocks);
        Assert.Contains(Sample, s => s.Faults.Trylock);
        Assert.Contains(Sample, s => s.Subscriptions.Any(x => !x.AtSetup));
        Assert.Contains(Sample, OverlappingMirrors);
        Assert.Contains(Sample, s => s.Subscriptions.Any(x => x.User == UserKind.HmmMirror && x.FirstPage + x.PageCount == s.Pages && x.FirstPage > 0));
    }

    [Fact]
    public void Every_shrink_candidate_is_valid_and_smaller()
    {
        foreach (var scenario in Sample.Take(60))
        {
            foreach (var smaller in ScenarioShrinker.Shrink(scenario))
            {
                Assert.Null(ScenarioValidation.Problem(smaller));
                Assert.True(Size(smaller) < Size(scenario), $"not smaller:\n{ScenarioWriter.ToJson(scenario)}\n->\n{ScenarioWriter.ToJson(smaller)}");
            }
        }
    }

    [Fact]
    public void The_faithful_example_models_obey_the_rules_the_generator_obeys()
    {
        foreach (var scenario in Models.Catalog.All.Where(s => s.Expect is null && s.Threads.SelectMany(t => t.Ops).All(o => o.Expect is null)))
            Assert.Empty(ScenarioRules.Problems(scenario));
    }

    [Fact]
    public void The_rules_reject_misuse_the_parser_accepts()
    {
        var mirror = Models.Mirror("m", first: 1, count: 1);
        Assert.Contains(ScenarioRules.Problems(Models.Make("x", 2, [mirror], Models.Thread("t", new OpSpec(OpKind.Insert, "m")))),
            p => p.Contains("more than once"));
        Assert.Contains(ScenarioRules.Problems(Models.Make("x", 2, [mirror], Models.Thread("t", new OpSpec(OpKind.Fault, "m", 0)))),
            p => p.Contains("outside its pages"));
        Assert.Contains(ScenarioRules.Problems(Models.Make("x", 2, [mirror], Models.Thread("a", new OpSpec(OpKind.Exit)),
            Models.Thread("b", new OpSpec(OpKind.Unmap)))), p => p.Contains("after exit"));
        Assert.Contains(ScenarioRules.Problems(Models.Make("x", 2, [mirror with { AtSetup = false }],
            Models.Thread("a", new OpSpec(OpKind.Insert, "m", Start: 0, Length: 0)))), p => p.Contains("-EOVERFLOW"));
    }

    /// <summary>A size every shrink step lowers: threads, operations, subscriptions, switches, pages, ranges.</summary>
    private static int Size(Scenario s) =>
        1000 * s.Threads.Count + 100 * s.Threads.Sum(t => t.Ops.Count) + 100 * s.Subscriptions.Count +
        10 * (Convert.ToInt32(s.Faults.Allocation) + Convert.ToInt32(s.Faults.TakeAllLocks) + Convert.ToInt32(s.Faults.Trylock) +
              s.Subscriptions.Count(x => !x.AtSetup) + s.Pages) +
        s.Threads.Sum(t => t.Ops.Sum(o => o.Page + o.PageCount + (o.Start is null ? 0 : 5))) +
        s.Subscriptions.Where(x => x.User == UserKind.HmmMirror).Sum(x => x.FirstPage + x.PageCount);

    private static bool OverlappingMirrors(Scenario s)
    {
        var mirrors = s.Subscriptions.Where(x => x.User == UserKind.HmmMirror).ToList();
        return mirrors.Any(a => mirrors.Any(b => a != b && a.FirstPage < b.FirstPage + b.PageCount && b.FirstPage < a.FirstPage + a.PageCount));
    }
}
