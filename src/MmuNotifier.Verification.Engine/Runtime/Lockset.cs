// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// The locks a thread held at one access, as the data-race detector remembers it and reports
/// print it: the names of lockdep's held-lock stack, innermost last. A lockset is a node of a tree
/// of stacks that a runtime keeps from run to run (<see cref="ControlledRuntime.LocksetRoot"/>):
/// the child of a stack for a lock name is that stack with the lock taken on top. A world takes
/// the same locks in the same nestings every schedule, so after the first schedule a thread's
/// lockset is found, not made, and the text is built once per stack, when a report needs it.
/// </summary>
internal sealed class Lockset
{
    /// <summary>Children kept per stack; a stack with more (names that differ from run to run) gets its further ones made anew.</summary>
    private const int MaxKeptChildren = 64;

    private readonly Lockset? _parent;
    private readonly string _name;
    private List<Lockset>? _children;
    private string? _text;

    private Lockset(Lockset? parent, string name)
    {
        _parent = parent;
        _name = name;
    }

    /// <summary>The empty stack of a new tree (one per runtime: a tree is used by one worker thread only; every lockset while lockdep is off).</summary>
    public static Lockset NewRoot() => new(null, "");

    /// <summary>The stack <paramref name="held"/> as a node of the tree whose root is <paramref name="root"/>.</summary>
    public static Lockset Of(Lockset root, List<HeldLock> held)
    {
        var node = root;
        foreach (var entry in held) node = node.With(entry.Name);
        return node;
    }

    public bool IsEmpty => _parent is null;

    /// <summary>The locks, innermost last, as reports print them ("none" for no lock).</summary>
    public string Text => _text ??= IsEmpty ? LogicalThread.NoLocksText : string.Join(", ", Names());

    public override string ToString() => Text;

    /// <summary>This stack with <paramref name="name"/> taken on top.</summary>
    private Lockset With(string name)
    {
        if (_children is { } children)
            foreach (var child in children)
                if (child._name == name) return child;
        var made = new Lockset(this, name);
        if ((_children ??= []).Count < MaxKeptChildren) _children.Add(made);
        return made;
    }

    private List<string> Names()
    {
        var names = new List<string>();
        for (var node = this; node._parent is not null; node = node._parent) names.Add(node._name);
        names.Reverse();
        return names;
    }
}
