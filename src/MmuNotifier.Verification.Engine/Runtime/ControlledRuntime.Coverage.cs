// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Coverage;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>Coverage probes: the set of probes the current schedule reached (docs/coverage.md).</summary>
internal sealed partial class ControlledRuntime
{
    private CoverageRecorder? _coverage;

    /// <summary>Switched on by the schedule runner when the exploration records coverage.</summary>
    public bool RecordsCoverage
    {
        get => _coverage is not null;
        set => _coverage = value ? _coverage ?? new CoverageRecorder() : null;
    }

    public void Reach(CoverageSite site) => _coverage?.Reach(site);

    /// <summary>The probes the last run reached; empty with coverage off.</summary>
    public CoverageSite[] ReachedSites() => _coverage?.Snapshot() ?? [];
}
