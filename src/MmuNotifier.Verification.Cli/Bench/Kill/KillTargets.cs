// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Samples;

namespace MmuNotifier.Verification.Cli.Bench.Kill;

/// <summary>
/// What the kill matrix runs: every catalogued defect on the programs where it can show. Until
/// the kernel defect catalogue is wired in, the engine's broken samples stand in as defects.
/// </summary>
internal static class KillTargets
{
    public static IReadOnlyList<KillTarget> All() =>
        SampleCatalog.All.Where(s => s.HasBug).Select(s => new KillTarget(s.Name, "sample", s.ToProgram, KillTarget.AnyBug)).ToList();
}
