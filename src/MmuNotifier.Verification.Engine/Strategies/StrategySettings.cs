// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>What a strategy factory may draw on: the exploration's knobs and, for strategies that ask for it, a length estimate.</summary>
/// <param name="Seed">The exploration seed.</param>
/// <param name="PctDepth">Burckhardt et al.'s d for PCT.</param>
/// <param name="PreemptionBound">At most this many preemptions per schedule; null for none.</param>
/// <param name="EstimatedLength">
/// Scheduling points with more than one enabled thread in a calibration run; 0 unless the
/// descriptor says <see cref="StrategyDescriptor.NeedsLengthEstimate"/>.
/// </param>
public sealed record StrategySettings(ulong Seed, int PctDepth = 3, int? PreemptionBound = null, int EstimatedLength = 0);
