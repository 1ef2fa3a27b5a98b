// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.World;

/// <summary>
/// How a world is built beyond its scenario and defects: which core-MM and user models (a test
/// swaps in a subclass that overrides one step), and which invariants. The defaults are the
/// faithful models and <see cref="StandardInvariants"/>.
/// </summary>
public sealed record WorldOptions
{
    public static WorldOptions Default { get; } = new();

    /// <summary>
    /// Names the variant in traces ("model:NAME" among the defects), so a trace of a deliberately
    /// broken model is never mistaken for one of the faithful models. Null for the faithful ones.
    /// </summary>
    public string? Variant { get; init; }

    /// <summary>Builds the core MM; null for <see cref="CoreMmOps"/> itself.</summary>
    public Func<ModelWorld, CoreMmOps>? Core { get; init; }

    /// <summary>
    /// Builds the user of a subscription instead of its registered model (<see cref="UserModels"/>),
    /// or returns null to keep the registered one.
    /// </summary>
    public Func<ModelWorld, SubscriptionSpec, UserModel?>? User { get; init; }

    /// <summary>The invariants, fresh per world; null for <see cref="StandardInvariants.Create"/>.</summary>
    public Func<IReadOnlyList<ModelInvariant>>? Invariants { get; init; }
}
