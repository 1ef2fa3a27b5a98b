// SPDX-License-Identifier: GPL-2.0-only
using FsCheck;
using FsCheck.Fluent;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>How the misuse scenarios of one kind ended.</summary>
public sealed record MisuseTally(MisuseKind Kind)
{
    public int Generated { get; set; }

    /// <summary>Scenarios whose exploration reported the misuse the kernel's way (WARN, BUG, corruption, KASAN ...).</summary>
    public int KernelStyle { get; set; }

    /// <summary>Scenarios the budget explored without any finding: the misuse went unnoticed (not a failure, but shown).</summary>
    public int Silent { get; set; }

    /// <summary>The finding kinds seen, with how many scenarios each.</summary>
    public SortedDictionary<string, int> Findings { get; } = new(StringComparer.Ordinal);
}

/// <summary>The first scenario whose finding was a .NET exception escaping the port or the models.</summary>
public sealed record MisuseInternalError(MisuseKind Kind, int Scenario, Bug Bug, string ScenarioPath, string TracePath);

public sealed record MisuseResult(IReadOnlyList<MisuseTally> Tallies, MisuseInternalError? InternalError, int Explorations);

/// <summary>
/// `fuzz --misuse`: explores generated misusing scenarios (<see cref="MisuseGen"/>) and sorts each
/// by its finding. A finding the kernel could print is the expected outcome; an escaped .NET
/// exception (BugKind.UnhandledException or HarnessError) is an internal error of the checker and
/// stops the run with the scenario and its trace written out. Deterministic: FsCheck's stream is
/// fixed by the seed and every exploration uses the budget's fixed strategy seed.
/// </summary>
public static class MisuseRunner
{
    public static bool IsInternalError(Bug bug) => bug.Kind is BugKind.UnhandledException or BugKind.HarnessError;

    public static MisuseResult Run(FuzzOptions options) => Run(options, MisuseGen.Misuse);

    /// <summary>As <see cref="Run(FuzzOptions)"/> over other generated misuses (tests use it to plant an internal error).</summary>
    public static MisuseResult Run(FuzzOptions options, Gen<(MisuseKind Kind, Scenario Scenario)> misuses)
    {
        var tallies = MisuseKinds.All.Select(k => new MisuseTally(k)).ToList();
        MisuseInternalError? error = null;
        var explorations = 0;
        var number = 0;
        var config = Config.Quick
            .WithMaxTest(options.Count)
            .WithReplay(new Replay(new Rnd(options.Seed, FuzzRunner.Gamma), null))
            .WithRunner(new SilentRunner());
        // No shrinker: a misuse scenario is judged once, and the run goes on to the next.
        Check.One(config, Prop.ForAll(Arb.From(misuses), generated =>
        {
            if (error is not null) return true;
            var (kind, scenario) = generated;
            var tally = tallies[(int)kind];
            tally.Generated++;
            var index = number++;
            explorations++;
            var report = Explore(scenario, kind, options);
            var bug = report.FoundBug ? FindingSignature.Primary(report.Bugs[0].AllBugsOfRun) ?? report.Bugs[0].Bug : null;
            if (bug is null)
            {
                tally.Silent++;
            }
            else if (IsInternalError(bug))
            {
                error = WriteInternalError(options, kind, index, scenario, bug, report.Bugs[0].Trace);
            }
            else
            {
                tally.KernelStyle++;
                var key = FindingSignature.Of(bug).ToString();
                tally.Findings[key] = tally.Findings.GetValueOrDefault(key) + 1;
            }

            return true;
        }));
        return new MisuseResult(tallies, error, explorations);
    }

    private static ExplorationReport Explore(Scenario scenario, MisuseKind kind, FuzzOptions options)
    {
        var budget = options.Budget;
        var defects = kind.DriverDefect() is { } defect ? options.Defects.Append(defect) : options.Defects;
        return Explorer.Explore(ScenarioProgram.Build(scenario, defects), new ExplorationOptions
        {
            Strategy = budget.Strategy,
            Seed = budget.Seed,
            Iterations = budget.Schedules,
            MaxSteps = budget.MaxSteps,
            MemoryModel = budget.MemoryModel,
        });
    }

    private static MisuseInternalError WriteInternalError(FuzzOptions options, MisuseKind kind, int index, Scenario scenario, Bug bug, Trace trace)
    {
        var name = $"fuzz-misuse-{kind.Name()}-seed{options.Seed}";
        var scenarioPath = Path.Combine(options.ModelsDirectory, name + ".json");
        ScenarioWriter.Save(scenario with { Name = name, Description = $"mmu-verify fuzz --misuse --seed {options.Seed}, scenario {index}: internal error {bug.Kind}" }, scenarioPath);
        var tracePath = Path.Combine(options.TracesDirectory, name + TraceFile.Extension);
        TraceFile.Save(trace, tracePath);
        return new MisuseInternalError(kind, index, bug, scenarioPath, tracePath);
    }
}
