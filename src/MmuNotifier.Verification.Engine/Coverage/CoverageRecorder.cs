// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Coverage;

/// <summary>
/// The probes one schedule reached, as a set: a probe hit a thousand times in a schedule counts
/// once for it. Owned by one runtime, cleared at the start of each schedule.
/// </summary>
internal sealed class CoverageRecorder
{
    private readonly HashSet<CoverageSite> _reached = [];

    public void Reach(CoverageSite site) => _reached.Add(site);

    public void Clear() => _reached.Clear();

    public CoverageSite[] Snapshot() => [.. _reached];
}
