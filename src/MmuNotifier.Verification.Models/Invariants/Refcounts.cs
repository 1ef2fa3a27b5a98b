// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// refcounts, judged at the end of the run: while the process runs, mm_users is its one
/// reference and mm_count its one plus a pin per live subscription (<see cref="Drivers.UserModel.MmPins"/>);
/// once it exited and every user unsubscribed, the mm is freed. (The subscriptions structure
/// being freed only with an empty list is the port's own BUG_ON in
/// __mmu_notifier_subscriptions_destroy.)
/// </summary>
public sealed class Refcounts : ModelInvariant, IModelObserver
{
    public override string Name => InvariantNames.Refcounts;

    public void ThreadsFinished()
    {
        if (World.ProcessExited) return;
        var pins = 0;
        foreach (var user in World.Users.Values) pins += user.MmPins;
        var users = World.Mm.MmUsers.Peek();
        var count = World.Mm.MmCount.Peek();
        if (users != 1 || count != 1 + pins)
        {
            Report($"at the end of the run mm_users is {users} and mm_count is {count}; expected 1 and {1 + pins} " +
                   $"(the process plus {pins} live subscription(s))");
        }
    }

    public void TeardownFinished()
    {
        if (!World.Mm.Lifetime.IsFreed)
            Report($"the process exited and every user unsubscribed, but mm_count is {World.Mm.MmCount.Peek()}: the mm is never freed");
    }
}
