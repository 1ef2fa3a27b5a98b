// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>release-once: an interval subscription gets one MMU_NOTIFY_RELEASE invalidation per exit.</summary>
public sealed class ReleaseOnce : ModelInvariant, IModelObserver
{
    public override string Name => InvariantNames.ReleaseOnce;

    public void IntervalInvalidateEntered(MmuIntervalNotifier sub, MmuNotifierRange range, SubscriptionAudit audit)
    {
        if (range.Event == MmuNotifierEvent.MMU_NOTIFY_RELEASE && audit.Releases > 1)
            Report($"{sub.Name}'s invalidate gets MMU_NOTIFY_RELEASE for the {audit.Releases}th time in one exit");
    }
}
