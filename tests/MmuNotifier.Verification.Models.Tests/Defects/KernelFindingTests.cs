// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests.Defects;

/// <summary>
/// The faithful port's known KCSAN finding (docs/defects.md): every scenario program carries it,
/// it still shows on the scenarios the catalogue names, and without the entry it is a DataRace
/// of exactly the shape documented (mmu_notifier_unregister's unlocked hlist_unhashed).
/// </summary>
public sealed class KernelFindingTests
{
    private static ExplorationOptions Options => new() { Strategy = "random", Seed = 1, Iterations = 2000, MaxSteps = 5_000, Detectors = Detectors.All };

    public static TheoryData<string> Scenarios() => [.. KernelFindings.UnregisterUnhashedScenarios];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_unregister_unhashed_race_shows_and_is_no_bug(string name)
    {
        var program = ScenarioProgram.Build(Models.Get(name));
        Assert.Contains(KernelFindings.UnregisterUnhashedRace, program.KnownRaces);

        var report = Explorer.Explore(program, Options);
        Assert.False(report.FoundBug, Models.Describe(report));
        Assert.Contains(report.KnownRaces, k => k.Name == KernelFindings.UnregisterUnhashedRace.Name);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Without_the_entry_it_is_the_documented_data_race(string name)
    {
        var program = ScenarioProgram.Build(Models.Get(name)) with { KnownRaces = [] };
        var report = Explorer.Explore(program, Options);
        Assert.True(report.FoundBug);
        var race = report.Bugs[0].Bug;
        Assert.Equal(BugKind.DataRace, race.Kind);
        Assert.Matches(@"data race on sub\[\w+\]\.hlist\.pprev: .*read by \w+ at step \d+ \(locks held: none\)", race.Message);
        Assert.Contains("WRITE_ONCE", race.Message);
        Assert.Contains("mm.subscriptions.lock", race.Message);
    }

    /// <summary>The shape `fuzz --count 2000` shrank it to: two mirrors inserted by two threads into an mm with no notifier yet.</summary>
    private static Scenario TwoFirstInserts() => Models.Make("two-first-inserts", 2,
        [Models.Mirror("mirror0", setup: false), Models.Mirror("mirror1", setup: false)],
        Models.Thread("t0", new OpSpec(OpKind.Insert, "mirror0")),
        Models.Thread("t1", new OpSpec(OpKind.Insert, "mirror1")));

    [Fact]
    public void Two_first_inserts_show_the_has_itree_race_and_no_bug()
    {
        var dfs = Options with { Strategy = "dfs", PreemptionBound = 2 };
        var report = Explorer.Explore(ScenarioProgram.Build(TwoFirstInserts()), dfs);
        Assert.False(report.FoundBug, Models.Describe(report));
        Assert.Contains(report.KnownRaces, k => k.Name == KernelFindings.InsertHasItreeRace.Name);

        var bare = Explorer.Explore(ScenarioProgram.Build(TwoFirstInserts()) with { KnownRaces = [] }, dfs);
        Assert.True(bare.FoundBug);
        var message = bare.Bugs[0].Bug.Message;
        Assert.StartsWith("data race on mm.subscriptions.has_itree: ", message);
        Assert.Matches(@"write by t\d at step \d+ \(locks held: mm\.mmap_lock, ", message);
        Assert.Matches(@"read by t\d at step \d+ \(locks held: none\)", message);
    }

    [Fact]
    public void The_scenarios_without_an_unregister_do_not_show_it()
    {
        var report = Explorer.Explore(ScenarioProgram.Build(Models.Get("fault-vs-unmap")), Options);
        Assert.False(report.FoundBug, Models.Describe(report));
        Assert.Empty(report.KnownRaces);
    }
}
