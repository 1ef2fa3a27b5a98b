// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Coverage;

namespace MmuNotifier.Verification.Kernel.Coverage;

/// <summary>One branch: how many schedules took it each way (a loop: ran the body / left the loop).</summary>
public sealed record BranchCoverage(int Line, string Condition, long WhenTrue, long WhenFalse)
{
    /// <summary>Arms taken by at least one schedule (0..2).</summary>
    public int ArmsTaken => (WhenTrue > 0 ? 1 : 0) + (WhenFalse > 0 ? 1 : 0);
}

/// <summary>One kernel function: how many schedules entered it, and its branches.</summary>
public sealed record FunctionCoverage(string Name, string File, string Method, int Line, long Schedules, IReadOnlyList<BranchCoverage> Branches);

/// <summary>
/// Coverage of the port by an exploration (or a sweep of them): a plain record, written as JSON by
/// the CLI and ready to be embedded in a report. Functions are in the order of the C file.
/// </summary>
public sealed record PortCoverage(long Schedules, IReadOnlyList<FunctionCoverage> Functions)
{
    public int FunctionsTotal => Functions.Count;

    public int FunctionsReached => Functions.Count(f => f.Schedules > 0);

    /// <summary>Branch arms: two per branch (true and false).</summary>
    public int ArmsTotal => Functions.Sum(f => f.Branches.Count * 2);

    public int ArmsTaken => Functions.Sum(f => f.Branches.Sum(b => b.ArmsTaken));

    /// <summary>
    /// Puts <paramref name="counts"/> on the map of the port. Probes are matched by class and
    /// line (a helper's probe carries the helper's name, its line still belongs to one function).
    /// </summary>
    public static PortCoverage From(CoverageCounts counts, long schedules)
    {
        var byLine = new Dictionary<(string Tag, int Line, int Arm), long>();
        foreach (var (site, count) in counts.Schedules)
        {
            if (site.Arm == CoverageSite.Entry) continue;
            var key = (TagOf(site.Method), site.Line, site.Arm);
            byLine[key] = byLine.GetValueOrDefault(key) + count;
        }

        var functions = PortCoverageMap.Functions.Select(f => new FunctionCoverage(
            f.Name, f.File, f.Method, f.Line, counts.Of(CoverageSite.Entered(f.Method)),
            f.Branches.Select(b => new BranchCoverage(b.Line, b.Condition,
                byLine.GetValueOrDefault((TagOf(f.Method), b.Line, CoverageSite.True)),
                byLine.GetValueOrDefault((TagOf(f.Method), b.Line, CoverageSite.False)))).ToList())).ToList();
        return new PortCoverage(schedules, functions);
    }

    private static string TagOf(string method) => method[..Math.Max(0, method.IndexOf('.'))];
}
