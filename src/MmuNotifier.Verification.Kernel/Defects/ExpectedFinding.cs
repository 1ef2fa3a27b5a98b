// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Kernel.Defects;

/// <summary>
/// What the checker should report when it explores a program that exercises a defect: the bug
/// kind, the invariant name for invariant violations, and whose contract is broken.
/// </summary>
public sealed record ExpectedFinding(BugKind Kind, string? Invariant, BugComponent Component)
{
    public static ExpectedFinding Violation(string invariant) => new(BugKind.InvariantViolation, invariant, BugComponent.Core);

    /// <summary>True if <paramref name="bug"/> is this finding.</summary>
    public bool Matches(Bug bug) =>
        bug.Kind == Kind && (Invariant is null || bug.Invariant == Invariant) &&
        (Kind != BugKind.InvariantViolation || bug.Component == Component);

    public override string ToString() => Invariant is null ? $"{Kind} ({Component})" : $"{Kind} [{Invariant}] ({Component})";
}
