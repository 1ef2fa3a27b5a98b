// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Models.Invariants;

namespace MmuNotifier.Verification.Models.Defects;

/// <summary>Which runs count as finding a defect (the engine's ExplorationOptions.FindingFilter).</summary>
public enum FindingRule
{
    /// <summary>Any bug of the run.</summary>
    AnyBug,

    /// <summary>
    /// Only a violation of an invariant over the port's own state. For a defect whose scenario
    /// already WARNs on the faithful port (a broken driver), the WARN proves nothing about the
    /// defect; the core state going wrong does.
    /// </summary>
    CoreStateInvariant,
}

/// <summary>The predicates behind <see cref="FindingRule"/>.</summary>
public static class FindingFilters
{
    /// <summary>The invariants that judge the port's state alone: sequence, active count and deferred list, tree shape.</summary>
    public static readonly IReadOnlySet<string> CoreStateInvariants =
        new HashSet<string>(StringComparer.Ordinal) { InvariantNames.OddSeq, InvariantNames.ActiveRanges, InvariantNames.TreeStability };

    public static bool AnyBug(IReadOnlyList<Bug> bugs) => bugs.Any(b => b.IsBug);

    public static bool CoreStateViolation(IReadOnlyList<Bug> bugs) =>
        bugs.Any(b => b.Kind == BugKind.InvariantViolation && b.Invariant is { } name && CoreStateInvariants.Contains(name));

    public static Func<IReadOnlyList<Bug>, bool> For(FindingRule rule) => rule switch
    {
        FindingRule.CoreStateInvariant => CoreStateViolation,
        _ => AnyBug,
    };
}
