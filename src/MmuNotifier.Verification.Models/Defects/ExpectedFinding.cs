// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Models.Defects;

/// <summary>
/// What the checker should report when it explores a scenario that exercises a defect: the bug
/// kind, the invariant name (Invariants/InvariantNames) for invariant violations, and whose
/// contract is broken. <see cref="Or"/> names a second finding that the same defect equally
/// shows, for a defect with two consequences whose order depends on the schedule (an early return
/// that one invariant sees and whose later use of freed memory KASAN sees).
/// </summary>
public sealed record ExpectedFinding(BugKind Kind, string? Invariant, BugComponent Component)
{
    public ExpectedFinding? Or { get; init; }

    public static ExpectedFinding Violation(string invariant) => new(BugKind.InvariantViolation, invariant, BugComponent.Core);

    /// <summary>Kind and invariant, the component aside: the models may blame a different party.</summary>
    public bool Matches(Bug bug) =>
        (bug.Kind == Kind && (Invariant is null || bug.Invariant == Invariant)) || (Or?.Matches(bug) ?? false);

    public override string ToString()
    {
        var text = Invariant is null ? $"{Kind} ({Component})" : $"{Kind} [{Invariant}] ({Component})";
        return Or is null ? text : $"{text} or {Or}";
    }
}
