// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>
/// Where one task of a split DPOR search (<see cref="Testing.DporSearch"/>) starts: the points of
/// its prefix, each with the sleep set a race reversed there is checked against and the branch the
/// prefix takes there, and the wakeup children of the last one. The task replays the prefix, walks
/// the points above <see cref="SplitDepth"/> once (their other branches belong to the coordinator)
/// and runs optimal DPOR below.
/// <para>
/// A race reversed at a prefix point is inserted as the sequential search would: checked against
/// that point's sleep set, then walked down the branches the prefix took. While it follows them it
/// is the task's own (it lands in the task's wakeup trees); where it leaves them it belongs to a
/// branch the coordinator owns and is handed back in <see cref="Requests"/>.
/// </para>
/// </summary>
internal sealed class DporTaskRoot(IReadOnlyList<DporLevel> levels, IReadOnlyList<WakeupNode> lastChildren, int splitDepth)
{
    public int SplitDepth { get; } = splitDepth;

    /// <summary>
    /// A run of this task stopped at the step its own branch takes (the last point of the prefix):
    /// that step covers no reversal there (<see cref="DporEvent.StoppedRun"/>), and the coordinator
    /// marks its branch so when the task is committed.
    /// </summary>
    public bool BranchStopped { get; private set; }

    /// <summary>A run stopped at the step taken at <paramref name="depth"/>.</summary>
    public void NoteStop(int depth)
    {
        if (depth == levels.Count - 1) BranchStopped = true;
    }

    /// <summary>How many points of the prefix are fixed (the last one holds <c>lastChildren</c>).</summary>
    public int PrefixLength => levels.Count;

    /// <summary>Race reversals for the coordinator's branches, in the order the task found them.</summary>
    public List<DporRequest> Requests { get; } = [];

    /// <summary>The fixed point at <paramref name="depth"/> of the prefix, or null below the prefix.</summary>
    public DporNode? PrefixNode(int depth, int preemptions)
    {
        if (depth >= levels.Count) return null;
        var last = depth == levels.Count - 1;
        var node = new DporNode { Sleep = last ? [.. levels[depth].Sleep] : [], Preemptions = preemptions };
        if (last) node.Wakeup.Children.AddRange(lastChildren.Select(WakeupNodes.Copy));
        else node.Wakeup.Children.Add(new WakeupNode(levels[depth].Origin!.Clone()));
        return node;
    }

    /// <summary>
    /// Inserts the reversal <paramref name="sequence"/> of a race at prefix point <paramref name="depth"/>:
    /// into <paramref name="below"/> (the wakeup tree after the prefix) while it follows the prefix, else into <see cref="Requests"/>.
    /// </summary>
    public void Route(int depth, List<DporEvent> sequence, WakeupTree? below)
    {
        if (levels[depth].Sleep.Exists(s => WeakInitials.IsWeakInitial(sequence, s, anyChoice: true))) return;
        var rest = sequence;
        for (var d = depth; d < levels.Count; d++)
        {
            // A point whose every planned branch was infeasible has an empty tree: covered, as in the sequential search.
            if (levels[d].Origin is not { } origin) return;
            // Only the task's own branch can have stopped a run: every run passes the points above it.
            var stopped = d == levels.Count - 1 && BranchStopped;
            if ((stopped ? null : WeakInitials.Remainder(rest, origin)) is not { } after)
            {
                Requests.Add(new DporRequest(d, rest));
                return;
            }

            rest = after;
            if (rest.Count == 0) return;
        }

        if (below is { IsEmpty: false }) below.Insert(rest);
    }
}

/// <summary>One point of a task's prefix: the sleep set a race reversed there meets, and the branch taken (null: none can be).</summary>
internal sealed record DporLevel(List<DporEvent> Sleep, DporEvent? Origin);

/// <summary>A race reversal <paramref name="Sequence"/> that leaves the task's prefix at point <paramref name="Depth"/>.</summary>
internal sealed record DporRequest(int Depth, List<DporEvent> Sequence);

internal static class WakeupNodes
{
    /// <summary>A deep copy that another search can change (take, insert into, replay a choice) on its own.</summary>
    public static WakeupNode Copy(WakeupNode node)
    {
        var copy = new WakeupNode(node.Step.Clone());
        foreach (var child in node.Subtree.Children) copy.Subtree.Children.Add(Copy(child));
        return copy;
    }
}
