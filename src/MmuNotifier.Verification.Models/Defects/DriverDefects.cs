// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Defects;

/// <summary>
/// The names of the misuses of the notifier API by the user models, switched on exactly like a
/// port defect and each tested at one place of one driver as <c>Defects.Has(DriverDefects.X)</c>.
/// Everything else about them (location, scenarios, expected finding) is in <see cref="DefectCatalogue"/>.
/// </summary>
public static class DriverDefects
{
    public const string MirrorSetSeqAfterUnlock = "mirror-set-seq-after-unlock";
    public const string MirrorSkipsReadRetry = "mirror-skips-read-retry";
    public const string MirrorMapsBeforeLock = "mirror-maps-before-lock";
    public const string MirrorSleepsInNonblockable = "mirror-sleeps-in-nonblockable";
    public const string KvmChecksRetryBeforeLock = "kvm-checks-retry-before-lock";
    public const string RegisterBothTlbAndStartEnd = "register-both-tlb-and-start-end";
    public const string MirrorFaultNoReference = "mirror-fault-no-reference";
    public const string GetPutPutsTwice = "get-put-puts-twice";
}
