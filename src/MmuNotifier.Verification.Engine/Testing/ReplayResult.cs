// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// The outcome of replaying a trace: the bugs of the run (a divergence is one), every step it
/// took, and how many of the trace's decisions were left when a fatal bug ended the run.
/// </summary>
public sealed record ReplayResult(IReadOnlyList<Bug> Bugs, IReadOnlyList<StepRecord> Steps, int UnusedDecisions = 0)
{
    public Bug? FirstBug => Bugs.Count > 0 ? Bugs[0] : null;

    /// <summary>The bug the run is reported under, as exploration reports it: the first fatal one, else the first warning.</summary>
    public Bug? PrimaryBug => Bugs.Count > 0 ? RunOutcome.Primary(Bugs) : null;

    public Bug? Divergence => Bugs.FirstOrDefault(b => b.Kind == BugKind.ReplayDivergence);
}
