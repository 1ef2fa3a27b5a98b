// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Coyote;

/// <summary>What a test learns from either backend: schedules run and the bugs found, in Coyote's words.</summary>
/// <param name="Bugs">Each finding as <see cref="CoyoteBugText"/> words it (the text of a Coyote assertion failure).</param>
public sealed record BackendReport(ExplorationBackend Backend, long Schedules, IReadOnlyList<string> Bugs);

/// <summary>
/// The one place that acts on the `backend` parameter of Coyote.runsettings: the same program
/// and the same settings explored by our engine or by Coyote's TestingEngine (through
/// <see cref="CoyoteRuntime"/>). Settings Coyote has no counterpart for are refused by name
/// rather than dropped.
/// </summary>
public static class Backends
{
    public static BackendReport Explore(TestProgram program, ExplorationOptions options) => options.Backend switch
    {
        ExplorationBackend.Ours => Ours(program, options),
        ExplorationBackend.Coyote => UnderCoyote(program, options),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Backend, "unknown backend"),
    };

    private static BackendReport Ours(TestProgram program, ExplorationOptions options)
    {
        var report = Explorer.Explore(program, options);
        return new BackendReport(ExplorationBackend.Ours, report.Iterations, report.Bugs.Select(b => CoyoteBugText.Of(b.Bug)).ToList());
    }

    private static BackendReport UnderCoyote(TestProgram program, ExplorationOptions options)
    {
        options.Validate();
        var strategy = options.Strategy switch
        {
            "random" => "random",
            "pct" or "prioritization" => "pct",
            "fair-random" or "fair-pct" => options.Strategy,
            _ => throw new ArgumentException($"backend coyote: strategy must be random, pct (prioritization), fair-random or fair-pct, got '{options.Strategy}'"),
        };
        if (options.Workers != 1) throw new ArgumentException($"backend coyote: parallel must be 1 (Coyote's TestingEngine explores on one), got {options.Workers}");
        if (options.Iterations > uint.MaxValue) throw new ArgumentException($"backend coyote: iterations must be at most {uint.MaxValue}, got {options.Iterations}");
        if (options.Seed > uint.MaxValue) throw new ArgumentException($"backend coyote: seed must be at most {uint.MaxValue} (Coyote's seeds are 32-bit), got {options.Seed}");

        Func<IReadOnlyList<Bug>, bool>? isFinding = options.FindingFilter;
        var report = CoyoteExploration.Run(() => CoyoteRuntime.Run(program, isFinding), (uint)options.Iterations, (uint)options.Seed,
            strategy, (uint)options.MaxSteps, pctChangePoints: (uint)(options.PctDepth - 1),
            livenessThreshold: (uint?)options.EffectiveLivenessThreshold);
        return new BackendReport(ExplorationBackend.Coyote, report.Schedules, report.Bugs);
    }
}
