// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>
/// A wakeup tree (Abdulla et al., POPL 2014, section 6): an ordered tree of step sequences still
/// to run from one point of the execution, each of which reverses a race found earlier. A leaf
/// ends a sequence; past it the search continues freely. Children are kept in insertion order,
/// which is the order they are explored in.
/// </summary>
internal sealed class WakeupTree
{
    public List<WakeupNode> Children { get; } = [];

    public bool IsEmpty => Children.Count == 0;

    /// <summary>
    /// Inserts <paramref name="sequence"/> unless the tree already holds a sequence that starts
    /// it up to equivalence: walking down, a child is followed when its step can be the first of
    /// the remaining sequence (a weak initial, Definition 6.1 of the paper); reaching a leaf means
    /// covered, otherwise the rest is hung under the deepest node reached.
    /// </summary>
    public void Insert(List<DporEvent> sequence)
    {
        var node = this;
        var rest = sequence;
        while (true)
        {
            if (rest.Count == 0) return;
            WakeupNode? next = null;
            List<DporEvent>? remaining = null;
            foreach (var child in node.Children)
            {
                if (WeakInitials.Remainder(rest, child.Step) is { } after)
                {
                    next = child;
                    remaining = after;
                    break;
                }
            }

            if (next is null)
            {
                node.AddChain(rest);
                return;
            }

            if (next.Subtree.IsEmpty) return;  // a leaf that starts the sequence: already covered
            node = next.Subtree;
            rest = remaining!;
        }
    }

    private void AddChain(List<DporEvent> steps)
    {
        var tree = this;
        foreach (var step in steps)
        {
            // A copy: one step of a run may be planned in several trees, and a planned step learns
            // what its own run does (DporEvent.StoppedRun) without telling the others.
            var node = new WakeupNode(step.Clone());
            tree.Children.Add(node);
            tree = node.Subtree;
        }
    }
}

/// <summary>One step of a wakeup tree and the sequences that continue it.</summary>
internal sealed class WakeupNode(DporEvent step)
{
    public DporEvent Step { get; set; } = step;

    public WakeupTree Subtree { get; set; } = new();
}

/// <summary>The weak-initial test of the paper over a step sequence.</summary>
internal static class WeakInitials
{
    /// <summary>
    /// When <paramref name="step"/>'s thread can go first in <paramref name="sequence"/> without
    /// reordering dependent steps: the sequence with that thread's first step taken out (or the
    /// whole sequence, when the thread is absent and its step independent of all). Null otherwise.
    /// With <paramref name="anyChoice"/> a choice step stands for all its values (a sleep-set entry does).
    /// </summary>
    public static List<DporEvent>? Remainder(List<DporEvent> sequence, DporEvent step, bool anyChoice = false)
    {
        for (var i = 0; i < sequence.Count; i++)
        {
            var candidate = sequence[i];
            if (candidate.Thread == step.Thread)
            {
                if (!anyChoice && !candidate.SameStep(step)) return null;
                for (var j = 0; j < i; j++)
                    if (!DporDependence.Independent(sequence[j], candidate)) return null;
                var rest = new List<DporEvent>(sequence.Count - 1);
                for (var j = 0; j < sequence.Count; j++)
                    if (j != i) rest.Add(sequence[j]);
                return rest;
            }
        }

        if (!step.Known || step.StoppedRun) return null;
        foreach (var other in sequence)
            if (!DporDependence.Independent(other, step)) return null;
        return sequence;
    }

    /// <summary>Whether <paramref name="step"/> is a weak initial of <paramref name="sequence"/> (the sleep-set test).</summary>
    public static bool IsWeakInitial(List<DporEvent> sequence, DporEvent step, bool anyChoice) =>
        Remainder(sequence, step, anyChoice) is not null;
}
