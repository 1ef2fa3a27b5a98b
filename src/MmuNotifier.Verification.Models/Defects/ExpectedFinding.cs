// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Models.Defects;

/// <summary>
/// What the checker should report when it explores a scenario that exercises a defect: the bug
/// kind, the invariant name (Invariants/InvariantNames) for invariant violations, and whose
/// contract is broken.
/// </summary>
public sealed record ExpectedFinding(BugKind Kind, string? Invariant, BugComponent Component)
{
    public static ExpectedFinding Violation(string invariant) => new(BugKind.InvariantViolation, invariant, BugComponent.Core);

    public override string ToString() => Invariant is null ? $"{Kind} ({Component})" : $"{Kind} [{Invariant}] ({Component})";
}
