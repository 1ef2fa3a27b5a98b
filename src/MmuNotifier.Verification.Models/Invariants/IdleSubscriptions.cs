// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// The subscriptions structure as monitors may judge it: only between critical sections of
/// subscriptions->lock, since the port moves the count, the sequence and the lists in separate
/// steps under that lock.
/// </summary>
internal static class IdleSubscriptions
{
    public static MmuNotifierSubscriptions? Of(MmStruct mm)
    {
        if (mm.Lifetime.IsFreed) return null;
        var subscriptions = mm.NotifierSubscriptions.Peek();
        if (subscriptions is null || subscriptions.Lifetime.IsFreed || subscriptions.Lock.IsLocked) return null;
        return subscriptions;
    }
}
