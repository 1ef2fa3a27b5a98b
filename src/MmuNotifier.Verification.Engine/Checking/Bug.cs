// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>One reported problem of one run, with where in the schedule it happened.</summary>
public sealed record Bug(
    BugKind Kind,
    string Message,
    int Step,
    string Thread,
    string? Invariant = null,
    BugComponent Component = BugComponent.Core)
{
    /// <summary>True for kinds that are findings about the model; false for livelock suspicion and harness trouble.</summary>
    public bool IsBug => Kind is not (BugKind.StepBoundExceeded or BugKind.HarnessError or BugKind.ReplayDivergence);

    public string Title => Invariant is null ? Kind.ToString() : $"{Kind} [{Invariant}]";

    public override string ToString() => $"{Title} at step {Step} on {Thread}: {Message}";
}
