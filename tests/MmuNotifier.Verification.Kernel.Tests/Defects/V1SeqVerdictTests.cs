// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Defects;
using Xunit.Abstractions;
using static MmuNotifier.Verification.Kernel.Tests.Defects.DefectPrograms;

namespace MmuNotifier.Verification.Kernel.Tests.Defects;

/// <summary>
/// The verdict on v1-seq-write-outside-user-lock, by exploration: under sequential consistency the
/// v1 protocol (the core stores cur_seq before invalidate, outside the driver lock, and the driver
/// does not store it) loses no invalidation. The same program is shown to be sensitive: a v1
/// driver on the final port, where nobody stores the sequence, is caught at once.
/// </summary>
public sealed class V1SeqVerdictTests(ITestOutputHelper output)
{
    private static readonly KernelConfig V1 = KernelConfig.Faithful.WithDefect(PortDefects.V1SeqWriteOutsideUserLock);

    [Fact]
    public void Bounded_dfs_exhausts_the_v1_protocol_without_a_bug()
    {
        var report = DefectHunt.Explore("v1-seq/dfs", FaultVersusUnmap(V1, behaviour: MirrorBehaviour.NoSetSeq),
            new Finder("dfs", 100_000, PreemptionBound: 3));
        DefectHunt.AssertClean(report);
        Assert.True(report.Exhausted, $"dfs(pb=3) did not exhaust the space in {report.Iterations} schedules");
        output.WriteLine($"v1-seq-write-outside-user-lock: dfs(pb=3) exhausted {report.Iterations} schedules, no bug");
    }

    [Fact]
    public void Random_walks_with_two_unmappers_find_no_bug_in_the_v1_protocol()
    {
        var report = DefectHunt.Explore("v1-seq/random", FaultVersusUnmap(V1, unmappers: 2, behaviour: MirrorBehaviour.NoSetSeq),
            new Finder("random", 5_000));
        DefectHunt.AssertClean(report);
        output.WriteLine($"v1-seq-write-outside-user-lock: random {report.Iterations} schedules with two unmappers, no bug");
    }

    [Theory]
    [InlineData("random")]
    [InlineData("dfs")]
    public void The_same_program_catches_a_v1_driver_on_the_final_port(string strategy)
    {
        var report = DefectHunt.Explore("v1-driver/final-port", FaultVersusUnmap(KernelConfig.Faithful, behaviour: MirrorBehaviour.NoSetSeq),
            new Finder(strategy, 1000, strategy == "dfs" ? 2 : null));
        var match = DefectHunt.FirstMatch(report, ExpectedFinding.Violation(FindingNames.NoMissedInvalidation));
        Assert.True(match is not null, "a driver that never records cur_seq must be seen to map a stale PTE");
        output.WriteLine($"v1 driver on the final port: {strategy} finds {match.Value.Bug.Invariant} at schedule {match.Value.Iteration + 1}");
    }
}
