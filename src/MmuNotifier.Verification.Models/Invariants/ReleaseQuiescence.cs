// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// release-quiescence: when exit_mmap's mmu_notifier_release returns, no hlist subscriber's
/// ->release that was already running when it began is still running. exit_mmap frees the mm's
/// pages next, and a ->release that mmu_notifier_unregister began may still be tearing down a
/// secondary MMU that maps them; the kernel makes exit_mmap wait for it (unregister calls
/// ->release inside an SRCU read section, and mn_hlist_release ends with synchronize_srcu).
/// A ->release that begins after exit_mmap's release began is not judged: unregister's unlocked
/// hlist_unhashed test lets that one through, and exit_mmap has released the subscriber itself.
/// </summary>
public sealed class ReleaseQuiescence : ModelInvariant, IModelObserver
{
    // The ->release calls running when exit_mmap's release began, as (subscription, call id).
    private readonly List<(SubscriptionAudit Audit, int Call)> _runningAtStart = [];

    public override string Name => InvariantNames.ReleaseQuiescence;

    public void ExitReleaseStarting()
    {
        _runningAtStart.Clear();
        foreach (var user in World.Users.Values)
            foreach (var audit in user.HlistAudits)
                foreach (var call in audit.RunningReleases) _runningAtStart.Add((audit, call));
    }

    public void ExitReleaseReturned()
    {
        foreach (var (audit, call) in _runningAtStart)
        {
            if (audit.RunningReleases.Contains(call))
                Report($"exit_mmap's mmu_notifier_release returned while the ->release of {audit.Name} that began before it still runs");
        }
    }
}
