// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Kernel.Hlist;

/// <summary>
/// A struct hlist_node of an RCU-protected list, embedded in <typeparamref name="T"/>. Both links
/// are shared cells: readers walk <see cref="Next"/> under SRCU with no lock, and the unlocked
/// <c>hlist_unhashed</c> in mmu_notifier_unregister reads <see cref="PPrev"/>. The cells belong to
/// the owner's allocation, so touching a node after its owner was freed is a use-after-free.
/// </summary>
public sealed class RcuHlistNode<T> where T : class
{
    public RcuHlistNode(IRuntime rt, PrimitiveName nodeName, T owner, ILifetime? lifetime)
    {
        var name = rt.Intern(nodeName);
        Owner = owner;
        Next = rt.NewCell<RcuHlistNode<T>?>($"{name}.next", null, lifetime);
        PPrev = rt.NewCell<ICell<RcuHlistNode<T>?>?>($"{name}.pprev", null, lifetime);
        Corruption = DataCorruption.ForRuntime(rt);
    }

    /// <summary>Where a delete of this node while it is on no list is reported.</summary>
    internal DataCorruption Corruption { get; }

    public T Owner { get; }

    public ICell<RcuHlistNode<T>?> Next { get; }

    /// <summary>
    /// The link that points at this node (the head's first or the previous node's next); null
    /// when unhashed.
    /// </summary>
    public ICell<ICell<RcuHlistNode<T>?>?> PPrev { get; }

    public override string ToString() => $"hnode({Owner})";
}

/// <summary>struct hlist_head of an RCU-protected list.</summary>
public sealed class RcuHlistHead<T> where T : class
{
    public RcuHlistHead(IRuntime rt, PrimitiveName headName, ILifetime? lifetime)
    {
        var name = rt.Intern(headName);
        First = rt.NewCell<RcuHlistNode<T>?>($"{name}.first", null, lifetime);
    }

    public ICell<RcuHlistNode<T>?> First { get; }
}
