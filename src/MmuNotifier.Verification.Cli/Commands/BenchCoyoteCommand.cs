// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MmuNotifier.Verification.Cli.Bench;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Coyote;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Scenarios;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `bench coyote`: the same scenario under our engine and under Coyote's TestingEngine (the
/// CoyoteRuntime backend), with the random or the PCT strategy of each, alternating A/B each round
/// on one worker; medians and the ratio.
/// </summary>
internal static class BenchCoyoteCommand
{
    private static readonly string[] DefaultScenarios = ["fault-vs-unmap", "deferred-remove", "kvm-faults", "get-put"];

    public static Command Create(CliContext context)
    {
        var rounds = new Option<int>("--rounds") { Description = "Rounds per scenario (each runs both engines)", DefaultValueFactory = _ => 5 }.Positive();
        var ours = new Option<long>("--iterations", "-i") { Description = "Schedules per round on our engine", DefaultValueFactory = _ => 20_000 }.Positive();
        var coyote = new Option<int>("--coyote-iterations") { Description = "Schedules per round under Coyote", DefaultValueFactory = _ => 300 }.Positive();
        var scenarios = new Option<string[]>("--scenario") { Description = "Scenario to run (repeatable; default: fault-vs-unmap, deferred-remove, kvm-faults, get-put)" };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON" };
        var strategy = new Option<string>("--strategy", "-s") { Description = "random or pct: ours and Coyote's of that name, with their default settings", DefaultValueFactory = _ => "random" }
            .AcceptOnlyFromAmong(Strategies);
        var command = new Command("coyote", "Schedules/s of our engine and of Coyote on the same scenarios (random or PCT, 1 worker, alternating)");
        foreach (var option in new Option[] { rounds, ours, coyote, scenarios, strategy, json }) command.Options.Add(option);
        command.SetAction(parse => Run(context, parse.GetValue(rounds), parse.GetValue(ours), parse.GetValue(coyote),
            parse.GetValue(scenarios) is { Length: > 0 } named ? named : DefaultScenarios, parse.GetValue(strategy)!, parse.GetValue(json)));
        return command;
    }

    /// <summary>The strategies both engines have under one name (PCT: our depth 3, Coyote's 10 priority change points, each one's default).</summary>
    private static readonly string[] Strategies = ["random", "pct"];

    private sealed record Side(double SchedulesPerSecond, double StepsPerSecond, double StepsPerSchedule, IReadOnlyList<double> Rounds);

    /// <param name="RoundRatios">Ours/Coyote schedules/s of each round, whose median is <paramref name="RatioSchedulesPerSecond"/>: their spread is the noise of the host.</param>
    private sealed record Row(string Scenario, Side Ours, Side Coyote, double RatioSchedulesPerSecond, IReadOnlyList<double> RoundRatios, WarmUpResult[] WarmUps);

    /// <summary>The ratio the engine is built to reach on every scenario (README, "Coyote as a second backend").</summary>
    private const double GoalRatio = 100;

    /// <summary>Coyote schedules per warm-up chunk: a few tens of milliseconds, as ours.</summary>
    private const uint CoyoteWarmUpChunk = 20;

    private static int Run(CliContext context, int rounds, long ourIterations, int coyoteIterations, string[] names, string strategy, bool json)
    {
        var scenarios = ScenarioTargets.RequireAll("--scenario", names);
        var progress = BenchProgress.For(context, "coyote", scenarios.Count);
        var rows = scenarios.Select(scenario =>
        {
            progress.Row(scenario.Name);
            return Measure(scenario, strategy, rounds, ourIterations, (uint)coyoteIterations);
        }).ToList();
        if (json)
        {
            var document = rows.ToDictionary(r => r.Scenario, r => new
            {
                strategy, ours = r.Ours, coyote = r.Coyote, ratioSchedulesPerSecond = r.RatioSchedulesPerSecond,
                ratioRounds = r.RoundRatios.Select(x => Math.Round(x, 2)).ToList(),
            });
            context.Out.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            if (WarmUpResult.Note(rows.SelectMany(r => r.WarmUps)) is { } jsonNote) context.Err.WriteLine(jsonNote);
            return ExitCodes.Ok;
        }

        var table = TableWriter.New(context);
        foreach (var column in new[] { "scenario", "ours sched/s", "Coyote sched/s", "ratio", "rounds' ratios", "ours steps/sched", "Coyote steps/sched" })
            table.AddColumn(column == "scenario" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        foreach (var r in rows)
            table.AddRow(r.Scenario, N(r.Ours.SchedulesPerSecond), N(r.Coyote.SchedulesPerSecond), $"{r.RatioSchedulesPerSecond:0.0}x",
                RangeText(r.RoundRatios), N(r.Ours.StepsPerSchedule), N(r.Coyote.StepsPerSchedule));
        context.Out.WriteLine($"{strategy} strategy, seed 1, 1 worker, medians of {rounds} rounds alternating the engines (the ratio: median of the per-round ratios); " +
            $"{ourIterations:N0} schedules per round on ours, {coyoteIterations:N0} under Coyote (Coyote steps are its scheduling decisions); " +
            $"both engines check the invariants at every step and apply the Coyote backend's detectors ({DetectorText()}), " +
            "not lockdep's lock-order graph nor KCSAN, which the Coyote backend lacks");
        TableWriter.Write(context, table);
        var met = rows.Count(r => r.RatioSchedulesPerSecond >= GoalRatio);
        context.Out.WriteLine($"goal, a ratio of {GoalRatio:0}x or more on every scenario: {(met == rows.Count ? "met" : "not met")} " +
            $"({met} of {rows.Count} scenario{(rows.Count == 1 ? "" : "s")} at {GoalRatio:0}x or more by the median ratio)");
        if (WarmUpResult.Note(rows.SelectMany(r => r.WarmUps)) is { } note) context.Out.WriteLine(note);
        return ExitCodes.Ok;
    }

    /// <summary>The lowest and highest of the rounds' ratios, or the one ratio of a single round.</summary>
    private static string RangeText(IReadOnlyList<double> ratios) => ratios.Count switch
    {
        0 => "-",
        1 => $"{ratios[0]:0.0}x",
        _ => $"{ratios.Min():0.0}x-{ratios.Max():0.0}x",
    };

    private static Row Measure(Scenario scenario, string strategy, int rounds, long ourIterations, uint coyoteIterations)
    {
        var program = ScenarioProgram.Build(scenario);
        // Like for like: our engine applies the detectors the Coyote backend applies, no more.
        var options = new ExplorationOptions
        {
            Iterations = ourIterations, Strategy = strategy, Seed = 1, StopAtFirstBug = false, Detectors = CoyoteRuntime.AppliedDetectors,
        };
        void Coyote(uint iterations) => CoyoteExploration.Run(() => CoyoteRuntime.Run(program), iterations, seed: 1, strategy);
        // Warm both up (JIT, tiering) before the measured rounds, by the same rule.
        var oursWarm = WarmUp.Explore(program, options);
        uint coyoteWarmed = 0;
        var coyoteWarm = WarmUp.Until(() =>
        {
            Coyote(Math.Min(coyoteIterations, CoyoteWarmUpChunk));
            coyoteWarmed += CoyoteWarmUpChunk;
            return coyoteIterations < CoyoteWarmUpChunk && coyoteWarmed >= coyoteIterations;
        });

        var ours = new List<(double Schedules, double Steps)>();
        var coyote = new List<(double Schedules, double Steps)>();
        for (int round = 0; round < rounds; round++)
        {
            // Alternate which engine goes first, so drift (thermal, other load) hits both alike.
            if (round % 2 == 0) { ours.Add(RunOurs()); coyote.Add(RunCoyote()); }
            else { coyote.Add(RunCoyote()); ours.Add(RunOurs()); }
        }

        var oursSide = Summarise(ours);
        var coyoteSide = Summarise(coyote);
        var ratios = Median.Ratios(ours.Select(r => r.Schedules).ToList(), coyote.Select(r => r.Schedules).ToList());
        return new Row(scenario.Name, oursSide, coyoteSide, Median.Of(ratios), ratios, [oursWarm, coyoteWarm]);

        (double, double) RunOurs()
        {
            HeapSettle.Now();
            var report = Explorer.Explore(program, options);
            return (report.IterationsPerSecond, report.StepsPerSecond);
        }

        (double, double) RunCoyote()
        {
            HeapSettle.Now();
            var report = CoyoteExploration.Run(() => CoyoteRuntime.Run(program), coyoteIterations, seed: 1, strategy);
            double seconds = report.Elapsed.TotalSeconds;
            return (report.Schedules / seconds, report.Steps / seconds);
        }
    }

    private static Side Summarise(List<(double Schedules, double Steps)> rounds)
    {
        double schedules = Median.Of(rounds.Select(r => r.Schedules));
        double steps = Median.Of(rounds.Select(r => r.Steps));
        return new Side(schedules, steps, schedules == 0 ? 0 : steps / schedules, rounds.Select(r => Math.Round(r.Schedules)).ToList());
    }

    private static string DetectorText() =>
        string.Join(", ", DetectorNames.All.Where(d => (CoyoteRuntime.AppliedDetectors & d.Flag) != 0).Select(d => d.Name));

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
