// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>
/// Who reported a bug, one step finer than <see cref="Detectors"/>: the engine's own checks are
/// split into assertions and invariants (with WARN/BUG and sleeping in atomic), a schedule that
/// deadlocked, and a liveness monitor left hot; the switchable detectors follow
/// <see cref="DetectorNames.All"/>. The kill matrix has one column per source.
/// </summary>
/// <param name="Name">The column's name: checks, deadlock, liveness, then the detectors' command-line names.</param>
/// <param name="Detector">The detector that must be on for this source to report; <see cref="Detectors.None"/> for the engine's own checks, which are always on.</param>
public sealed record FindingSource(string Name, Detectors Detector)
{
    public static readonly FindingSource Checks = new("checks", Detectors.None);
    public static readonly FindingSource Deadlock = new("deadlock", Detectors.None);
    public static readonly FindingSource Liveness = new("liveness", Detectors.None);

    /// <summary>Every source, the engine's own first, then one per detector in <see cref="DetectorNames.All"/> order.</summary>
    public static IReadOnlyList<FindingSource> All { get; } =
        [Checks, Deadlock, Liveness, .. DetectorNames.All.Select(d => new FindingSource(d.Name, d.Flag))];

    /// <summary>The source of <paramref name="bug"/>: its detector (<see cref="DetectorNames.Reporter"/>), else which of the engine's own checks.</summary>
    public static FindingSource Of(Bug bug) => DetectorNames.Reporter(bug) is var detector and not Detectors.None
        ? All.First(s => s.Detector == detector)
        : bug.Kind switch
        {
            BugKind.Deadlock => Deadlock,
            BugKind.Liveness => Liveness,
            _ => Checks,
        };

    /// <summary>True when <paramref name="bug"/> is this source's.</summary>
    public bool Reported(Bug bug) => Of(bug) == this;
}
