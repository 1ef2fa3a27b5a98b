// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>The outcome of replaying a trace: the bugs of the run (a divergence is one) and every step it took.</summary>
public sealed record ReplayResult(IReadOnlyList<Bug> Bugs, IReadOnlyList<StepRecord> Steps)
{
    public Bug? FirstBug => Bugs.Count > 0 ? Bugs[0] : null;

    public Bug? Divergence => Bugs.FirstOrDefault(b => b.Kind == BugKind.ReplayDivergence);
}
