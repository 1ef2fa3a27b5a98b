// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.Hlist;

/// <summary>
/// A struct hlist_node embedded in <typeparamref name="T"/>, for lists that are only ever touched
/// under their owner's lock (the deferred list): plain links, no scheduling points.
/// </summary>
public sealed class HlistNode<T>(T owner) where T : class
{
    internal HlistNode<T>? Next;
    internal HlistHead<T>? Head;

    // hlist_del poisons both links; a second delete must not be silently accepted.
    internal bool Poisoned;

    public T Owner { get; } = owner;

    /// <summary>hlist_unhashed.</summary>
    public bool IsUnhashed => Head is null && !Poisoned;

    public override string ToString() => $"hnode({Owner})";
}

/// <summary>struct hlist_head for a lock-protected list.</summary>
public sealed class HlistHead<T> where T : class
{
    private readonly Action? _assertLockHeld;
    private HlistNode<T>? _first;

    /// <param name="name">Used in corruption reports.</param>
    /// <param name="assertLockHeld">lockdep_assert_held of the protecting lock, checked on every access.</param>
    public HlistHead(string name, Action? assertLockHeld = null)
    {
        Name = name;
        _assertLockHeld = assertLockHeld;
    }

    public string Name { get; }

    /// <summary>The first node without the lock check (monitors and rendering).</summary>
    public bool PeekIsEmpty => _first is null;

    /// <summary>hlist_add_head.</summary>
    public void AddHead(HlistNode<T> node)
    {
        _assertLockHeld?.Invoke();
        if (node.Head is not null) throw new InvalidOperationException($"hlist {Name}: adding {node}, which is already on {node.Head.Name}");
        node.Next = _first;
        node.Head = this;
        node.Poisoned = false;
        _first = node;
    }

    /// <summary>hlist_del: unlinks and poisons the node.</summary>
    public static void Del(HlistNode<T> node)
    {
        var head = node.Head ?? throw new InvalidOperationException(
            node.Poisoned ? $"hlist_del of {node}, which was already deleted (LIST_POISON)" : $"hlist_del of {node}, which is on no list");
        head._assertLockHeld?.Invoke();
        if (head._first == node)
        {
            head._first = node.Next;
        }
        else
        {
            var prev = head._first;
            while (prev is not null && prev.Next != node) prev = prev.Next;
            if (prev is null) throw new InvalidOperationException($"hlist {head.Name}: {node} claims to be on it but is not reachable");
            prev.Next = node.Next;
        }

        node.Next = null;
        node.Head = null;
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
