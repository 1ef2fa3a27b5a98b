// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.World;

/// <summary>
/// Hands each model event to every invariant of the world, in the world's order. Models raise
/// events here and never name an invariant.
/// </summary>
public sealed class ModelEvents(IModelObserver[] observers) : IModelObserver
{
    public void UserAdded(UserModel user)
    {
        foreach (var o in observers) o.UserAdded(user);
    }

    public void RangeStarting()
    {
        foreach (var o in observers) o.RangeStarting();
    }

    public void RangeStartReturned(MmuNotifierRange range)
    {
        foreach (var o in observers) o.RangeStartReturned(range);
    }

    public void RangeEnding(MmuNotifierRange range, bool started)
    {
        foreach (var o in observers) o.RangeEnding(range, started);
    }

    public void RangeEnded()
    {
        foreach (var o in observers) o.RangeEnded();
    }

    public void PteChanging(int page, ulong old, ulong @new)
    {
        foreach (var o in observers) o.PteChanging(page, old, @new);
    }

    public void ExitReleaseStarting()
    {
        foreach (var o in observers) o.ExitReleaseStarting();
    }

    public void ExitReleaseReturned()
    {
        foreach (var o in observers) o.ExitReleaseReturned();
    }

    public void ExitMmapFinished()
    {
        foreach (var o in observers) o.ExitMmapFinished();
    }

    public void SubscribeReturned(OpSpec op, int ret)
    {
        foreach (var o in observers) o.SubscribeReturned(op, ret);
    }

    public void NotifierGot(MmuNotifierOps ops, MmuNotifierSubscription sub)
    {
        foreach (var o in observers) o.NotifierGot(ops, sub);
    }

    public void IntervalInvalidateEntered(MmuIntervalNotifier sub, MmuNotifierRange range, SubscriptionAudit audit)
    {
        foreach (var o in observers) o.IntervalInvalidateEntered(sub, range, audit);
    }

    public void HlistOpEntered(MmuNotifierSubscription sub, string op, MmuNotifierRange? range, SubscriptionAudit audit)
    {
        foreach (var o in observers) o.HlistOpEntered(sub, op, range, audit);
    }

    public void Unsubscribed(SubscriptionAudit audit, string by)
    {
        foreach (var o in observers) o.Unsubscribed(audit, by);
    }

    public void ThreadsFinished()
    {
        foreach (var o in observers) o.ThreadsFinished();
    }

    public void TeardownFinished()
    {
        foreach (var o in observers) o.TeardownFinished();
    }
}
