// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// The invariants every world checks, fresh for each world. The order is the order in which
/// they hear an event and in which their monitors run: when two would fire at the same moment,
/// the earlier one is the finding, so reordering changes which invariant a trace names.
/// To add an invariant: write its class and add it here.
/// </summary>
public static class StandardInvariants
{
    public static IReadOnlyList<ModelInvariant> Create() =>
    [
        new NoMissedInvalidation(),
        new OddSeq(),
        new TreeStability(),
        new ActiveRanges(),
        new RemoveQuiescence(),
        new ReleaseOnce(),
        new HlistSrcu(),
        new ReleaseQuiescence(),
        new Refcounts(),
        new GetIdentity(),
        new BadInput(),
        new CallbackRange(),
    ];
}
