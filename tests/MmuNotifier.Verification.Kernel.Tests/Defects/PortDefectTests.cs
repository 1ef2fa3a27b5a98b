// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using MmuNotifier.Verification.Kernel.Defects;
using Xunit.Abstractions;

namespace MmuNotifier.Verification.Kernel.Tests.Defects;

/// <summary>
/// Every port defect is found by exploration of its program with each listed strategy, and the
/// faithful port shows no bug on the same program.
/// </summary>
public sealed class PortDefectTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Findings()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in DefectCases.All)
            foreach (var f in c.Finders)
                data.Add(c.Defect, f.ToString());
        return data;
    }

    public static TheoryData<string> Defects()
    {
        var data = new TheoryData<string>();
        foreach (var c in DefectCases.All) data.Add(c.Defect);
        return data;
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void Defect_is_found(string defect, string finderName)
    {
        var c = DefectCases.Of(defect);
        var finder = c.Finders.Single(f => f.ToString() == finderName);
        var expected = c.Info.Expected!;
        var clock = Stopwatch.StartNew();
        var report = DefectHunt.Explore($"{defect}/{finderName}", c.Program(KernelConfig.Faithful.WithDefect(defect)), finder,
            stopAtFirstBug: !c.WarnsOnFaithful);
        var match = DefectHunt.FirstMatch(report, expected);
        Assert.True(match is not null,
            $"{defect}: {finderName} found no {expected} in {report.Iterations} schedules; bugs: {string.Join("; ", report.Bugs.Take(3))}");
        output.WriteLine($"{defect} | {finderName} | schedule {match.Value.Iteration + 1} | {clock.ElapsedMilliseconds} ms | {match.Value.Bug}");
    }

    [Theory]
    [MemberData(nameof(Defects))]
    public void Faithful_port_is_clean_on_the_program_of(string defect)
    {
        var c = DefectCases.Of(defect);
        foreach (var finder in c.FaithfulBudget)
        {
            var report = DefectHunt.Explore($"faithful/{defect}/{finder}", c.Program(KernelConfig.Faithful), finder,
                stopAtFirstBug: !c.WarnsOnFaithful);
            DefectHunt.AssertClean(report, c.Tolerated);
            output.WriteLine($"{defect} | faithful | {finder} | {report.Iterations} schedules clean | {report.Elapsed.TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public void Every_port_defect_but_the_v1_verdict_has_a_case()
    {
        var withCases = DefectCases.All.Select(c => c.Defect).ToHashSet();
        var missing = PortDefects.All.Where(d => d.Expected is not null && !withCases.Contains(d.Name)).Select(d => d.Name);
        Assert.Empty(missing);
        Assert.Equal(PortDefects.All.Count, PortDefects.All.Select(d => d.Name).Distinct().Count());
    }
}
