// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Kernel.Hlist;

/// <summary>
/// The hlist operations of include/linux/list.h and rculist.h that mm/mmu_notifier.c uses, with
/// each memory access a scheduling point of its own. A walker may or may not see a node added or
/// removed concurrently, depending on where the writer is when the walker reads a link; a removed
/// node keeps its next link, so a walker standing on it carries on along the list.
/// rcu_dereference is modelled as a load-acquire (dependency ordering is at least that strong for
/// the fields read through the pointer).
/// </summary>
public static class RculistOps
{
    /// <summary>hlist_empty: <c>!READ_ONCE(h->first)</c>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> HlistEmpty<T>(RcuHlistHead<T> head) where T : class =>
        await head.First.ReadOnce() is null;

    /// <summary>hlist_unhashed: <c>!h->pprev</c>, a plain read.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> HlistUnhashed<T>(RcuHlistNode<T> node) where T : class =>
        await node.PPrev.Read() is null;

    /// <summary>hlist_add_head_rcu: the node is fully linked before it is published with a release store.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask HlistAddHeadRcu<T>(RcuHlistNode<T> node, RcuHlistHead<T> head) where T : class
    {
        var first = await head.First.Read();
        await node.Next.Write(first);
        await node.PPrev.WriteOnce(head.First);
        await head.First.StoreRelease(node);
        if (first is not null) await first.PPrev.WriteOnce(node.Next);
    }

    /// <summary>
    /// __hlist_del: the predecessor's link skips the node; the node's own next is left alone. A
    /// node found unhashed here (two unlocked deleters) is list_del corruption.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask HlistDelCore<T>(RcuHlistNode<T> node) where T : class
    {
        var next = await node.Next.Read();
        var pprev = await node.PPrev.Read();
        if (node.Corruption.Check(pprev is null, $"list_del corruption, {node}->pprev is NULL (__hlist_del of a node on no list)"))
            return;
        await pprev!.WriteOnce(next);
        if (next is not null) await next.PPrev.WriteOnce(pprev);
    }

    /// <summary>hlist_del_init_rcu: unlinks if linked and marks the node unhashed, so it can be tested and deleted again.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask HlistDelInitRcu<T>(RcuHlistNode<T> node) where T : class
    {
        if (!await HlistUnhashed(node))
        {
            await HlistDelCore(node);
            await node.PPrev.WriteOnce(null);
        }
    }

    /// <summary>
    /// The first node for hlist_for_each_entry_rcu(pos, head, member, cond) (rcu_dereference of
    /// head->first), after CONFIG_PROVE_RCU_LIST's check of the walk's protection:
    /// <paramref name="cond"/> is the lockdep expression the caller passes (srcu_read_lock_held,
    /// lockdep_is_held) and <paramref name="condText"/> its C text, for the report. The kernel
    /// also accepts any RCU reader there, a preempt-disabled section included, because it cannot
    /// tell which flavour frees the list; the model does not: these lists are freed after an SRCU
    /// grace period or under their lock, and neither waits for a walker that only holds a
    /// spinlock (page aging and KSM walk under the page-table lock), so the caller's condition is
    /// the only protection that counts.
    /// </summary>
    public static ValueTask<RcuHlistNode<T>?> FirstRcu<T>(RcuHlistHead<T> head, IRuntime rt, bool cond, string condText) where T : class
    {
        if (!cond)
        {
            rt.Assert(false, $"suspicious RCU usage: RCU-list {head.First.Name} traversed in non-reader section " +
                             $"by {rt.CurrentThreadName} ({condText} is false)");
        }

        return head.First.LoadAcquire();
    }

    /// <summary>The following node for hlist_for_each_entry_rcu (rcu_dereference of node->next).</summary>
    public static ValueTask<RcuHlistNode<T>?> NextRcu<T>(RcuHlistNode<T> node) where T : class =>
        node.Next.LoadAcquire();
}
