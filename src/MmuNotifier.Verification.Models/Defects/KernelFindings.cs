// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Defects;

/// <summary>
/// What the faithful port shows because the kernel source it follows does it: findings of the
/// port, not defects one can switch on or off. Each is documented in docs/defects.md ("Findings
/// of the faithful port"). The KCSAN ones are known races: every scenario program carries them,
/// so a sweep counts them by name and stays clean otherwise; the tests check that each still
/// shows on its scenarios (a finding that went away would be news).
/// </summary>
public static class KernelFindings
{
    /// <summary>
    /// mmu_notifier_unregister tests <c>hlist_unhashed(&amp;subscription->hlist)</c>, a plain read of
    /// <c>pprev</c>, before it takes any lock, while __mmu_notifier_release may be clearing that
    /// <c>pprev</c> with the <c>WRITE_ONCE</c> of <c>hlist_del_init_rcu</c> under
    /// <c>subscriptions->lock</c>. Nothing orders the two (the driver holds only an mm_count
    /// reference). KCSAN reports it; the kernel's lockless form is <c>hlist_unhashed_lockless()</c>.
    /// </summary>
    public static readonly KnownRace UnregisterUnhashedRace = PortDataRaces.UnregisterUnhashed;

    /// <summary>The scenarios of models/ on which <see cref="UnregisterUnhashedRace"/> shows.</summary>
    public static readonly IReadOnlyList<string> UnregisterUnhashedScenarios = ["exit-vs-unregister", "register-unregister"];

    /// <summary>
    /// mmu_interval_notifier_insert reads <c>subscriptions->has_itree</c> plainly and without a lock,
    /// while another thread's first insert may be setting it in __mmu_notifier_register after
    /// publishing the subscriptions with smp_store_release (so the acquire does not cover it).
    /// </summary>
    public static readonly KnownRace InsertHasItreeRace = PortDataRaces.InsertHasItree;

    /// <summary>Every known race of the faithful port.</summary>
    public static IReadOnlyList<KnownRace> Races { get; } = [UnregisterUnhashedRace, InsertHasItreeRace];
}
