// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Defects;

/// <summary>
/// Misuses of the notifier API by the user models, each switched on by name exactly like a
/// port defect and living at one place of one driver, written
/// <c>if (Defects.Has(DriverDefects.X)) { …misuse… } else { …correct use… }</c>.
/// <see cref="DefectCatalogue"/> says what each should make the checker report.
/// </summary>
public static class DriverDefects
{
    /// <summary>HmmMirror.Invalidate: the sequence store comes after the driver mutex is dropped.</summary>
    public const string MirrorSetSeqAfterUnlock = "mirror-set-seq-after-unlock";

    /// <summary>HmmMirror.Fault: installs without asking mmu_interval_read_retry.</summary>
    public const string MirrorSkipsReadRetry = "mirror-skips-read-retry";

    /// <summary>HmmMirror.Fault: installs first, then takes the mutex and checks (undoing on retry).</summary>
    public const string MirrorMapsBeforeLock = "mirror-maps-before-lock";

    /// <summary>HmmMirror.Invalidate: mutex_lock instead of mutex_trylock on a non-blockable range.</summary>
    public const string MirrorSleepsInNonblockable = "mirror-sleeps-in-nonblockable";

    /// <summary>KvmUser.Fault: the in-progress/sequence test runs before mmu_lock is taken.</summary>
    public const string KvmChecksRetryBeforeLock = "kvm-checks-retry-before-lock";

    /// <summary>KvmUser: its ops carry arch_invalidate_secondary_tlbs as well as start/end.</summary>
    public const string RegisterBothTlbAndStartEnd = "register-both-tlb-and-start-end";
}
