// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Coverage;

namespace MmuNotifier.Verification.Kernel.Coverage;

/// <summary>
/// The two probes of the port (docs/coverage.md). Off, each is one test of
/// <see cref="IRuntime.RecordsCoverage"/>; on, it names its site by class, method and line, which
/// <see cref="PortCoverageMap"/> finds again in the port's source.
/// </summary>
internal static class CoverageProbe
{
    public static void Entered(IRuntime rt, string tag, string method)
    {
        if (rt.RecordsCoverage) rt.Reach(CoverageSite.Entered(tag + "." + method));
    }

    public static bool Taken(IRuntime rt, bool condition, string tag, string method, int line)
    {
        if (rt.RecordsCoverage) rt.Reach(new CoverageSite(tag + "." + method, line, condition ? CoverageSite.True : CoverageSite.False));
        return condition;
    }
}
