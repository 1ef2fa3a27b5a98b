// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Kernel.Hlist;

/// <summary>
/// A struct hlist_node embedded in <typeparamref name="T"/>, for lists that are only ever touched
/// under their owner's lock (the deferred list): plain links, no scheduling points. The links
/// are memory of the owner's allocation (<paramref name="lifetime"/>): every access goes through
/// <see cref="Kasan"/>, so adding, deleting or walking a node whose owner was freed is a
/// use-after-free naming the free.
/// </summary>
public sealed class HlistNode<T>(T owner, ILifetime? lifetime = null) where T : class
{
    private HlistNode<T>? _next;
    private HlistHead<T>? _head;

    /// <summary>The owner's allocation, or null for a node no allocation owns (tests of the list alone).</summary>
    public ILifetime? Lifetime { get; } = lifetime;

    internal HlistNode<T>? Next { get { Touch("hlist next read"); return _next; } set { Touch("hlist next write"); _next = value; } }

    /// <summary>Where pprev points: the list the node is on, null when unhashed.</summary>
    internal HlistHead<T>? Head { get { Touch("hlist pprev read"); return _head; } set { Touch("hlist pprev write"); _head = value; } }

    // hlist_del poisons both links; a second delete must not be silently accepted.
    internal bool Poisoned;

    // The list a poisoned node was deleted from: a second delete is reported to it.
    internal HlistHead<T>? LastHead;

    public T Owner { get; } = owner;

    /// <summary>hlist_unhashed.</summary>
    public bool IsUnhashed => Head is null && !Poisoned;

    /// <summary>hlist_unhashed without the KASAN check (monitors and rendering judge the node, they do not touch it).</summary>
    public bool PeekIsUnhashed => _head is null && !Poisoned;

    public override string ToString() => $"hnode({Owner})";

    private void Touch(string access)
    {
        if (Lifetime is not null) Kasan.Access(Lifetime, access, this);
    }
}

/// <summary>struct hlist_head for a lock-protected list.</summary>
public sealed class HlistHead<T> where T : class
{
    private readonly Action? _assertLockHeld;
    private readonly DataCorruption _corruption;
    private HlistNode<T>? _first;

    /// <param name="name">Used in corruption reports.</param>
    /// <param name="assertLockHeld">lockdep_assert_held of the protecting lock, checked on every access.</param>
    /// <param name="corruption">Where CONFIG_DEBUG_LIST-style corruption reports go.</param>
    public HlistHead(string name, Action? assertLockHeld = null, DataCorruption? corruption = null)
    {
        Name = name;
        _assertLockHeld = assertLockHeld;
        _corruption = corruption ?? DataCorruption.Unreported;
    }

    public string Name { get; }

    /// <summary>The first node without the lock check (monitors and rendering).</summary>
    public bool PeekIsEmpty => _first is null;

    /// <summary>hlist_add_head; a node already on a list is a double add, reported and not added.</summary>
    public void AddHead(HlistNode<T> node)
    {
        _assertLockHeld?.Invoke();
        if (_corruption.Check(node.Head is not null, $"list_add double add: new={node} is already on {node.Head!.Name} (hlist_add_head to {Name})"))
            return;
        node.Next = _first;
        node.Head = this;
        node.Poisoned = false;
        _first = node;
    }

    /// <summary>
    /// hlist_del: unlinks and poisons the node. Deleting it again is reported as list_del
    /// corruption to the list it was last on (a poisoned node remembers it, as the kernel's
    /// poison values are recognisable in the report).
    /// </summary>
    public static void Del(HlistNode<T> node)
    {
        var head = node.Head;
        if (head is null)
        {
            var reporter = node.LastHead?._corruption ?? DataCorruption.Unreported;
            reporter.Check(true, node.Poisoned
                ? $"list_del corruption, {node}->next is LIST_POISON1 (hlist_del of a node already deleted from {node.LastHead!.Name})"
                : $"list_del corruption, {node}->pprev is NULL (hlist_del of a node on no list)");
            return;
        }

        head._assertLockHeld?.Invoke();
        if (head._first == node)
        {
            head._first = node.Next;
        }
        else
        {
            var prev = head._first;
            while (prev is not null && prev.Next != node) prev = prev.Next;
            if (head._corruption.Check(prev is null, $"list_del corruption. {node}->pprev points into {head.Name}, but no node there links to it"))
                return;
            prev!.Next = node.Next;
        }

        node.Next = null;
        node.Head = null;
        node.LastHead = head;
        node.Poisoned = true;
    }

    /// <summary>
    /// hlist_for_each_entry_safe: the successor is fetched before the body runs, so the body may
    /// delete the node it is given.
    /// </summary>
    public IEnumerable<HlistNode<T>> ForEachSafe()
    {
        _assertLockHeld?.Invoke();
        for (var n = _first; n is not null;)
        {
            var next = n.Next;
            yield return n;
            n = next;
        }
    }
}
