// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Real;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>How long to loop a test body on real threads (until the first finding at most): the baseline "stress test" budget.</summary>
public sealed record StressOptions
{
    /// <summary>How many runs at most.</summary>
    public long Iterations { get; init; } = 1000;

    /// <summary>Optional wall-clock budget; the loop stops at whichever of this and <see cref="Iterations"/> comes first.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>
    /// Which runs count as a finding, given every bug a run reported; null means any bug does.
    /// The kill matrix uses it: a defect is found only when the invariant it should break fires.
    /// Runs it rejects are treated as clean.
    /// </summary>
    public Func<IReadOnlyList<Bug>, bool>? FindingFilter { get; init; }

    /// <summary>Watchdog and monitor sampling of each run.</summary>
    public RealRuntimeOptions Runtime { get; init; } = new();

    public void Validate()
    {
        if (Iterations <= 0) throw new ArgumentException($"iterations must be positive, got {Iterations}");
        if (TimeBudget is { } budget && budget <= TimeSpan.Zero) throw new ArgumentException($"time budget must be positive, got {budget}");
        Runtime.Validate();
    }
}
