// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>What the checker knows about one subscription's callbacks: which run, which were paired.</summary>
public sealed class SubscriptionAudit(string name)
{
    public string Name { get; } = name;

    /// <summary>Callbacks of this subscription running right now.</summary>
    public int Running { get; set; }

    /// <summary>mmu_interval_notifier_remove or mmu_notifier_unregister has returned, or free_notifier ran.</summary>
    public bool Gone { get; set; }

    /// <summary>Which call made it gone, for the report.</summary>
    public string GoneBy { get; set; } = "";

    public int Releases { get; set; }

    /// <summary>Ids of this subscription's ->release calls that have not returned (see <see cref="ReleaseEntered"/>).</summary>
    public HashSet<int> RunningReleases { get; } = [];

    private int _releaseCalls;

    /// <summary>A ->release call begins; returns its id, for <see cref="ReleaseReturned"/>.</summary>
    public int ReleaseEntered()
    {
        RunningReleases.Add(++_releaseCalls);
        return _releaseCalls;
    }

    public void ReleaseReturned(int call) => RunningReleases.Remove(call);

    /// <summary>exit_mmap's release pass over the hlist has finished.</summary>
    public bool ReleasedByExit { get; set; }

    /// <summary>An unregister that began before exit_mmap's release finished: it may legally call ->release once more.</summary>
    public bool RacingUnregister { get; set; }

    /// <summary>
    /// The range an interval user asked mmu_interval_notifier_insert for, as it asked (start and
    /// length in bytes); null for hlist users and before the first insert.
    /// </summary>
    public (ulong Start, ulong Length)? Requested { get; set; }

    /// <summary>Ranges whose start succeeded and whose end has not run yet.</summary>
    public List<MmuNotifierRange> OpenStarts { get; } = [];
}
