// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>
/// Plain accesses of mm/mmu_notifier.c that race in the kernel source itself, so the port keeps
/// them as they are (no <c>data_race()</c> the kernel does not have) and names them for KCSAN.
/// Whether a run should count one as known is the caller's choice (the models' KernelFindings
/// catalogue; docs/defects.md, "Findings of the faithful port").
/// </summary>
public static class PortDataRaces
{
    /// <summary>
    /// mmu_notifier_unregister's unlocked <c>hlist_unhashed(&amp;subscription->hlist)</c>, a plain load of
    /// <c>pprev</c>, against the <c>WRITE_ONCE(n->pprev, NULL)</c> of hlist_del_init_rcu in
    /// __mmu_notifier_release (under subscriptions->lock). The kernel's lockless form would be
    /// <c>hlist_unhashed_lockless()</c>.
    /// </summary>
    public static readonly KnownRace UnregisterUnhashed = new(
        "unregister-hlist-unhashed-race", ".hlist.pprev", AccessKind.Read, AccessKind.WriteOnce);

    /// <summary>
    /// mmu_interval_notifier_insert's unlocked test of <c>subscriptions->has_itree</c> (after the
    /// smp_load_acquire of mm->notifier_subscriptions) against the plain
    /// <c>has_itree = true</c> that __mmu_notifier_register makes after its smp_store_release,
    /// under the mmap write lock, when another thread's first insert registers the mm.
    /// </summary>
    public static readonly KnownRace InsertHasItree = new(
        "insert-has-itree-race", "subscriptions.has_itree", AccessKind.Read, AccessKind.Write);
}
