// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// One exploration setting as it appears in Coyote.runsettings (Coyote's name) and in the
/// environment, with how to apply its text to an <see cref="ExplorationOptions"/>.
/// </summary>
internal sealed record RunSettingsParameter(
    string Name,
    string EnvironmentVariable,
    string Expected,
    Func<ExplorationOptions, string, ExplorationOptions?> Apply)
{
    /// <summary>The strategy names the engine accepts (pct and prioritization are the same strategy).</summary>
    private static readonly IReadOnlyList<string> Strategies = Engine.Strategies.StrategyRegistry.Names;

    // Declared after Strategies on purpose: static fields initialise in textual order.
    /// <summary>Every parameter, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<RunSettingsParameter> All =
    [
        new("iterations", "COYOTE_ITERATIONS", "a positive integer",
            (o, v) => PositiveLong(v) is { } n ? o with { Iterations = n } : null),
        new("strategy", "COYOTE_STRATEGY", "one of " + string.Join(", ", Strategies),
            (o, v) => Strategies.Contains(v.Trim().ToLowerInvariant()) ? o with { Strategy = v.Trim().ToLowerInvariant() } : null),
        new("max-steps", "COYOTE_MAX_STEPS", $"a positive integer, at most {ExplorationOptions.MaxStepsLimit}",
            (o, v) => PositiveLong(v) is { } n && n <= ExplorationOptions.MaxStepsLimit ? o with { MaxSteps = (int)n } : null),
        new("seed", "COYOTE_SEED", "an unsigned 64-bit integer",
            (o, v) => ulong.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? o with { Seed = s } : null),
        // Seconds, like Coyote's --timeout; 0 means no wall-clock budget. Below the clock's tick a
        // positive value would be a zero budget, under which every test explores nothing.
        new("timeout", "COYOTE_TIMEOUT", "a number of seconds from 0 (none) to 1e9, and at least 1e-7 (the clock's tick) when not 0",
            (o, v) => double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && s <= 1e9
                    && (s == 0 || TimeSpan.FromSeconds(s) > TimeSpan.Zero)
                ? o with { TimeBudget = s == 0 ? null : TimeSpan.FromSeconds(s) }
                : null),
        new("parallel", "COYOTE_PARALLEL", $"a number of workers from 1 to {ExplorationOptions.MaxWorkers}",
            (o, v) => PositiveLong(v) is { } n && n <= ExplorationOptions.MaxWorkers ? o with { Workers = (int)n } : null),
        new("check-determinism", "COYOTE_CHECK_DETERMINISM", "true or false",
            (o, v) => bool.TryParse(v.Trim(), out var b) ? o with { CheckDeterminism = b } : null),
        new("pct-depth", "COYOTE_PCT_DEPTH", "a positive integer",
            (o, v) => PositiveLong(v) is { } n && n <= int.MaxValue ? o with { PctDepth = (int)n } : null),
        // Empty or "none" switches the bound off.
        new("preemption-bound", "COYOTE_PREEMPTION_BOUND", "a non-negative integer or none",
            (o, v) => v.Trim() is "" or "none" ? o with { PreemptionBound = null }
                : int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? o with { PreemptionBound = b } : null),
        // Which engine runs the tests; the engine itself carries the value, the Coyote project acts on it.
        new("backend", "COYOTE_BACKEND", "ours or coyote",
            (o, v) => v.Trim().ToLowerInvariant() switch
            {
                "ours" => o with { Backend = ExplorationBackend.Ours },
                "coyote" => o with { Backend = ExplorationBackend.Coyote },
                _ => null,
            }),
    ];

    public static RunSettingsParameter? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static long? PositiveLong(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
