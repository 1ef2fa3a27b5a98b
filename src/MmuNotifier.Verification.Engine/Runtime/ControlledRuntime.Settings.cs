// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Runtime;

internal sealed partial class ControlledRuntime
{
    /// <summary>A runtime set up as <paramref name="options"/> asks: oracles, spawn points, liveness judging.</summary>
    public static ControlledRuntime For(ExplorationOptions options, TestProgram? program = null) => new()
    {
        Detectors = options.Detectors,
        MemoryModel = options.MemoryModel,
        RecordsCoverage = options.RecordCoverage,
        KnownRaces = program?.KnownRaces ?? [],
        SpawnPoint = options.SpawnPoint,
        LivenessThreshold = options.EffectiveLivenessThreshold,
    };
}
