// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.Defects;

/// <summary>
/// Which variant of mm/mmu_notifier.c one kernel instance runs: one plain bool per port defect,
/// resolved once from the configured names so that the port's hot paths test a field, never a
/// string. Each field is named after its <see cref="PortDefects"/> constant (kebab-case to
/// PascalCase) and is tested at exactly one place of the port, in the kernel function the
/// defect registry names for it.
/// </summary>
public sealed class PortVariant
{
    /// <summary>The faithful port: every field false.</summary>
    public static PortVariant Faithful { get; } = new(new HashSet<string>());

    public readonly bool V1ReleaseWarnInverted;
    public readonly bool V1DoubleItreeRelease;
    public readonly bool RfcRegisterNullOps;
    public readonly bool ReviewBlockableBackoff;
    public readonly bool V1SeqWriteOutsideUserLock;
    public readonly bool NoOddSeqOnStart;
    public readonly bool InvEndNoWakeup;
    public readonly bool InvEndDeferredEarly;
    public readonly bool InsertExcludedNoOdd;
    public readonly bool InsertIdleEvenSeq;
    public readonly bool ReadBeginUnlocked;
    public readonly bool RemoveNoDefer;
    public readonly bool RemoveNoWait;
    public readonly bool NonblockFailNoInvEnd;
    public readonly bool UnregisterNoSynchronize;
    public readonly bool PutFreesImmediately;
    public readonly bool HlistStartFailNoEnd;
    public readonly bool InitialSeqOdd;

    /// <param name="defects">The switched-on names; names of other defects (driver misuse) are ignored.</param>
    public PortVariant(IReadOnlySet<string> defects)
    {
        V1ReleaseWarnInverted = defects.Contains(PortDefects.V1ReleaseWarnInverted);
        V1DoubleItreeRelease = defects.Contains(PortDefects.V1DoubleItreeRelease);
        RfcRegisterNullOps = defects.Contains(PortDefects.RfcRegisterNullOps);
        ReviewBlockableBackoff = defects.Contains(PortDefects.ReviewBlockableBackoff);
        V1SeqWriteOutsideUserLock = defects.Contains(PortDefects.V1SeqWriteOutsideUserLock);
        NoOddSeqOnStart = defects.Contains(PortDefects.NoOddSeqOnStart);
        InvEndNoWakeup = defects.Contains(PortDefects.InvEndNoWakeup);
        InvEndDeferredEarly = defects.Contains(PortDefects.InvEndDeferredEarly);
        InsertExcludedNoOdd = defects.Contains(PortDefects.InsertExcludedNoOdd);
        InsertIdleEvenSeq = defects.Contains(PortDefects.InsertIdleEvenSeq);
        ReadBeginUnlocked = defects.Contains(PortDefects.ReadBeginUnlocked);
        RemoveNoDefer = defects.Contains(PortDefects.RemoveNoDefer);
        RemoveNoWait = defects.Contains(PortDefects.RemoveNoWait);
        NonblockFailNoInvEnd = defects.Contains(PortDefects.NonblockFailNoInvEnd);
        UnregisterNoSynchronize = defects.Contains(PortDefects.UnregisterNoSynchronize);
        PutFreesImmediately = defects.Contains(PortDefects.PutFreesImmediately);
        HlistStartFailNoEnd = defects.Contains(PortDefects.HlistStartFailNoEnd);
        InitialSeqOdd = defects.Contains(PortDefects.InitialSeqOdd);
    }
}
