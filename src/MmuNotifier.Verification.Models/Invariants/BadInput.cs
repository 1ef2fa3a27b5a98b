// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// bad-input: a subscribe operation returns what the scenario expects (-EOVERFLOW for an empty
/// or wrapping range, -EINVAL for an mm without users), only 0 or -ENOMEM under allocation
/// faults, and a failed insert leaves the subscription out of the tree; at the end of the run
/// nothing is allocated that nothing refers to (while the process runs: beyond the mm, its
/// subscriptions structure and what live users own; after exit and teardown: anything).
/// </summary>
public sealed class BadInput : ModelInvariant, IModelObserver
{
    public override string Name => InvariantNames.BadInput;

    public void SubscribeReturned(OpSpec op, int ret)
    {
        var world = World;
        if (op.Expect is { } expected && ret != expected)
            Report($"{OpNames.Of(op.Kind)} {op.Sub} returned {Errno.Name(ret)}, expected {Errno.Name(expected)}", BugComponent.Core);

        if (op.Expect is null && ret != 0 && !(ret == -Errno.ENOMEM && world.Scenario.Faults.Allocation) &&
            !(ret == -Errno.EINTR && world.Scenario.Faults.TakeAllLocks))
        {
            Report($"{OpNames.Of(op.Kind)} {op.Sub} failed with {Errno.Name(ret)} although no failure was injected or expected");
        }

        if (ret != 0 && world.Users[op.Sub!].IntervalSubscription is { } sub &&
            (sub.IntervalTree.InTree || !sub.DeferredItem.PeekIsUnhashed))
        {
            Report($"insert of {op.Sub} failed with {Errno.Name(ret)} but left it in the tree");
        }
    }

    public void ThreadsFinished()
    {
        if (World.ProcessExited) return;
        var owned = new List<ILifetime?>();
        foreach (var user in World.Users.Values) owned.AddRange(user.OwnedAllocations);
        var subscriptions = World.Mm.NotifierSubscriptions.Peek();
        foreach (var allocation in World.Allocations)
        {
            if (allocation.IsFreed || ReferenceEquals(allocation, World.Mm.Lifetime) ||
                ReferenceEquals(allocation, subscriptions?.Lifetime) || owned.Contains(allocation))
                continue;
            Report($"{allocation.Name} is allocated but nothing refers to it: leaked");
        }
    }

    public void TeardownFinished()
    {
        foreach (var allocation in World.Allocations)
        {
            if (allocation.IsFreed) continue;
            Report($"{allocation.Name} is still allocated at the end of the run: leaked");
        }
    }
}
