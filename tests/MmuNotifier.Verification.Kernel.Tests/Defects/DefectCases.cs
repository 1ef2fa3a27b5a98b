// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel.Defects;
using static MmuNotifier.Verification.Kernel.Tests.Defects.DefectPrograms;

namespace MmuNotifier.Verification.Kernel.Tests.Defects;

/// <summary>
/// A defect, the program that exposes it, the strategies (with budgets) that must find it, and
/// the budget over which the faithful port must stay clean on the same program.
/// </summary>
internal sealed record DefectCase(
    string Defect,
    Func<KernelConfig, Func<IRuntime, Task>> Program,
    Finder[] Finders,
    Finder[] FaithfulBudget,
    bool WarnsOnFaithful = false)
{
    public DefectInfo Info => PortDefects.Find(Defect) ?? throw new InvalidOperationException($"{Defect} is not catalogued");

    /// <summary>Bugs the faithful port may report on this program: the WARN about a broken driver.</summary>
    public bool Tolerated(Bug bug) => WarnsOnFaithful && bug.Kind == BugKind.WarnOn;
}

/// <summary>The kill-matrix rows of the port's defects (v1-seq-write-outside-user-lock has its own verdict tests).</summary>
internal static class DefectCases
{
    private static readonly Finder[] Quick = [new("random", 200), new("pct", 200), new("dfs", 200, 1)];
    private static readonly Finder[] Clean = [new("random", 1500), new("pct", 1500), new("dfs", 500, 1)];

    public static IReadOnlyList<DefectCase> All { get; } =
    [
        new(PortDefects.V1ReleaseWarnInverted, ExitWithMirrorAndKvm, Quick, Clean),
        new(PortDefects.V1DoubleItreeRelease, ExitWithMirrorAndKvm, Quick, Clean),
        new(PortDefects.RfcRegisterNullOps, RegistrationRace, Quick, Clean),
        new(PortDefects.ReviewBlockableBackoff, BlockableFailure, Quick, Clean, WarnsOnFaithful: true),
        new(PortDefects.NoOddSeqOnStart, c => FaultVersusUnmap(c), Quick, Clean),
        new(PortDefects.InvEndNoWakeup, c => FaultVersusUnmap(c), [new("random", 2000), new("pct", 2000), new("dfs", 2000, 2)], Clean),
        new(PortDefects.InvEndDeferredEarly, InsertRemoveVersusUnmaps, [new("random", 200), new("pct", 200), new("dfs", 1500, 1)], Clean),
        new(PortDefects.InsertExcludedNoOdd, InsertRemoveVersusUnmaps, [new("random", 2000), new("pct", 2000), new("dfs", 2000, 2)], Clean),
        new(PortDefects.InsertIdleEvenSeq, c => FaultVersusUnmap(c), Quick, Clean),
        new(PortDefects.ReadBeginUnlocked, c => FaultVersusUnmap(c), [new("random", 500), new("dfs", 1000, 2)], Clean),
        new(PortDefects.RemoveNoDefer, InsertRemoveVersusUnmaps, [new("random", 200), new("pct", 500, PctDepth: 6), new("dfs", 500, 1)], Clean),
        new(PortDefects.RemoveNoWait, InsertRemoveVersusUnmaps, [new("random", 500), new("pct", 1000, PctDepth: 10), new("dfs", 500, 1)], Clean),
        new(PortDefects.NonblockFailNoInvEnd, NonblockFailure, Quick, Clean),
        new(PortDefects.UnregisterNoSynchronize, UnregisterVersusInvalidation, [new("random", 2000), new("pct", 2000), new("dfs", 2000, 2)], Clean),
        new(PortDefects.PutFreesImmediately, GetPutVersusInvalidation, [new("random", 500), new("dfs", 3000, 2)], Clean),
        new(PortDefects.HlistStartFailNoEnd, HlistNonblockFailure, Quick, Clean),
        new(PortDefects.InitialSeqOdd, c => FaultVersusUnmap(c), Quick, Clean),
    ];

    public static DefectCase Of(string defect) => All.Single(c => c.Defect == defect);
}
