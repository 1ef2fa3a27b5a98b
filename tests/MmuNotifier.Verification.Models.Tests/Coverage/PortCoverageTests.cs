// SPDX-License-Identifier: GPL-2.0-only
using System.Reflection;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Coverage;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests.Coverage;

/// <summary>
/// Issue 12, item 2: coverage of the port. A small scenario reports a branch it must take as
/// taken and one it cannot take as not; the counts are the same for any number of workers; the
/// probe table read from the source matches the code.
/// </summary>
public sealed class PortCoverageTests
{
    private static ExplorationReport Explore(string scenario, long iterations, int workers = 1, bool coverage = true) =>
        Explorer.Explore(ScenarioProgram.Build(Models.Get(scenario)), new ExplorationOptions
        {
            Iterations = iterations,
            Seed = 3,
            Workers = workers,
            MaxSteps = 5_000,
            RecordCoverage = coverage,
        });

    private static PortCoverage Coverage(string scenario, long iterations, int workers = 1)
    {
        var report = Explore(scenario, iterations, workers);
        return PortCoverage.From(report.Coverage!, report.Iterations);
    }

    private static FunctionCoverage Function(PortCoverage coverage, string name) => coverage.Functions.Single(f => f.Name == name);

    private static BranchCoverage Branch(PortCoverage coverage, string function, string condition) =>
        Function(coverage, function).Branches.Single(b => b.Condition == condition);

    [Fact]
    public void Fault_vs_unmap_reaches_the_interval_tree_and_not_the_hlist()
    {
        var coverage = Coverage("fault-vs-unmap", 200);
        Assert.Equal(200, coverage.Schedules);
        // The fault's read_begin runs in every schedule.
        Assert.Equal(200, Function(coverage, "mmu_interval_read_begin").Schedules);
        // Registration finds no subscriptions yet and allocates them: the true arm, in every schedule.
        var first = Branch(coverage, "__mmu_notifier_register", "await mm.NotifierSubscriptions.Read() is null");
        Assert.Equal(200, first.WhenTrue);
        // No allocation fails in this scenario: the -ENOMEM arm is never taken.
        var enomem = Branch(coverage, "__mmu_notifier_register", "memory is null");
        Assert.Equal(0, enomem.WhenTrue);
        Assert.True(enomem.WhenFalse > 0);
        // Nobody registers on the hlist: its release path is never entered.
        Assert.Equal(0, Function(coverage, "mn_hlist_release").Schedules);
        Assert.True(coverage.FunctionsReached < coverage.FunctionsTotal);
        Assert.True(coverage.ArmsTaken < coverage.ArmsTotal);
    }

    [Fact]
    public void An_allocation_failure_scenario_takes_the_enomem_arm()
    {
        var coverage = Coverage("bad-input-enomem", 200);
        Assert.True(Branch(coverage, "__mmu_notifier_register", "memory is null").WhenTrue > 0);
    }

    [Fact]
    public void The_counts_do_not_depend_on_the_number_of_workers()
    {
        var one = Explore("deferred-remove", 300, workers: 1).Coverage!;
        var two = Explore("deferred-remove", 300, workers: 2).Coverage!;
        Assert.NotEmpty(one.Schedules);
        Assert.Equal(one.Schedules.OrderBy(s => s.Key.ToString()), two.Schedules.OrderBy(s => s.Key.ToString()));
    }

    [Fact]
    public void Without_the_option_nothing_is_recorded()
    {
        Assert.Null(Explore("fault-vs-unmap", 20, coverage: false).Coverage);
    }

    /// <summary>The table read from the embedded source names every ported function of the class, once.</summary>
    [Fact]
    public void The_map_lists_every_kernel_function_of_the_port()
    {
        var ported = typeof(MmuNotifierC).GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(m => m.GetCustomAttribute<KernelFunctionAttribute>()?.Name).OfType<string>().Order().ToList();
        Assert.Equal(ported, PortCoverageMap.Functions.Select(f => f.Name).Order().ToList());
        Assert.All(PortCoverageMap.Functions, f => Assert.StartsWith("MmuNotifierC.", f.Method));
    }

    /// <summary>Every probe a run reaches is one the table knows, so nothing is counted that the table cannot show.</summary>
    [Fact]
    public void Every_reached_probe_is_in_the_map()
    {
        var known = PortCoverageMap.Functions.SelectMany(f => f.Branches.Select(b => b.Line)).ToHashSet();
        var entries = PortCoverageMap.Functions.Select(f => f.Method).ToHashSet();
        foreach (var scenario in new[] { "fault-vs-unmap", "deferred-remove", "get-put", "exit-mirror-and-kvm" })
        {
            foreach (var site in Explore(scenario, 100).Coverage!.Schedules.Keys)
            {
                if (site.Arm == Engine.Coverage.CoverageSite.Entry) Assert.Contains(site.Method, entries);
                else Assert.True(known.Contains(site.Line), $"{scenario}: probe {site} is not in the map");
            }
        }
    }
}
