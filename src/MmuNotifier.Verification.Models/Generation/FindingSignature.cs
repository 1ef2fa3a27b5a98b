// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// What a failure is, for shrinking: the bug kind and the invariant. A smaller scenario counts as
/// still failing only with the same signature, so shrinking cannot slip from the bug found to an
/// unrelated one on the way.
/// </summary>
public sealed record FindingSignature(BugKind Kind, string? Invariant)
{
    public static FindingSignature Of(Bug bug) => new(bug.Kind, bug.Invariant);

    /// <summary>The bug a run is reported under: its first fatal bug, else its first warning (as the engine reports it).</summary>
    public static Bug? Primary(IReadOnlyList<Bug> bugs)
    {
        var real = bugs.Where(b => b.IsBug).ToList();
        return real.FirstOrDefault(b => b.Kind != BugKind.WarnOn) ?? real.FirstOrDefault();
    }

    /// <summary>A FindingFilter: the run's primary bug has this signature (any real bug when <paramref name="signature"/> is null).</summary>
    public static Func<IReadOnlyList<Bug>, bool> Filter(FindingSignature? signature) =>
        bugs => Primary(bugs) is { } bug && (signature is null || Of(bug) == signature);

    public override string ToString() => Invariant is null ? Kind.ToString() : $"{Kind} [{Invariant}]";
}
