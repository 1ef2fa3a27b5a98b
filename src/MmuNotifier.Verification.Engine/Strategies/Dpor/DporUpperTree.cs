// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>
/// The points above the split depth of a split DPOR search (<see cref="Testing.DporSearch"/>),
/// owned by its coordinator: unlike the one path a sequential search keeps, the explored top of
/// the tree, each branch planned, handed to a task (accepted) or done with (committed).
/// <para>
/// Tasks are committed in the order the sequential search (<see cref="DporStrategy"/>) would
/// explore their branches, and each branch starts from what it would start from there: the sleep
/// set of its point with the branches before it, and its wakeup subtree with every reversal the
/// earlier branches inserted into it. A reversal a task hands back is inserted as the sequential
/// search inserts it (into a later branch's plan, or as a new branch at the end). A branch whose
/// thread cannot run is skipped as the sequential search skips it, and when none of a point's
/// remaining branches can run, the execution that search makes there (a blocked one) is a task too.
/// So the committed executions, their order and their numbering are the sequential search's
/// with the split, whatever the number of workers; workers only run later branches ahead, and a
/// run ahead whose plan grew in the meantime is run again.
/// </para>
/// </summary>
internal sealed class DporUpperTree(int splitDepth, int? preemptionBound)
{
    private readonly DporTask _firstTask = new([], null, null, [], []);
    private UpperPoint? _first;
    private bool _started;
    private int _groups;

    /// <summary>Planned branches skipped because their thread was blocked at the point.</summary>
    public long Infeasible { get; private set; }

    /// <summary>Planned branches skipped because they would exceed the preemption bound.</summary>
    public long CutByBound { get; private set; }

    /// <summary>Branches planned or handed out and not committed (what a search cut short leaves, at least).</summary>
    public long Pending => _first is null ? 1 : CountPending(_first);

    /// <summary>
    /// Up to <paramref name="count"/> tasks in the sequential order: the first is the one to commit
    /// next, the others may run ahead. Empty when the search is over.
    /// </summary>
    public List<DporTask> Next(int count)
    {
        if (!_started) return [_firstTask];
        var tasks = new List<DporTask>();
        if (_first is not null) Visit(_first, [], tasks, count);
        return tasks;
    }

    /// <summary>The start of <paramref name="task"/> as its worker needs it, with copies of everything it may change.</summary>
    public DporTaskRoot Root(DporTask task)
    {
        var levels = task.Path.Select(p => new DporLevel(SleepFor(p.Point, p.Branch), p.Branch.Step)).ToList();
        if (task.Point is not null) levels.Add(new DporLevel(task.Sleep, task.Branch?.Step));
        var children = task.Branch is { } branch ? [branch.Plan] : task.Unusable.Select(b => b.Plan).ToList();
        return new DporTaskRoot(levels, children.Select(WakeupNodes.Copy).ToList(), splitDepth);
    }

    /// <summary>
    /// Commits <paramref name="task"/>: takes over the points its first execution walked above the
    /// split (the branch taken committed, the rest of their wakeup trees and a choice's other
    /// values planned, the task's own branch's included), then inserts the reversals it handed back, in order.
    /// </summary>
    public void Commit(DporTask task, IReadOnlyList<DporNode> points, IReadOnlyList<DporRequest> requests, bool branchStopped = false)
    {
        _started = true;
        var path = new List<(UpperPoint Point, UpperBranch Branch)>(task.Path);
        if (task.Branch is { } committed)
        {
            committed.State = BranchState.Committed;
            if (branchStopped && !committed.Step.StoppedRun)
            {
                // The sequential search knows this once the step ran, before the later branches
                // start with it in their sleep sets: those run ahead without it are run again.
                committed.Step.StoppedRun = true;
                foreach (var later in task.Point!.Branches.SkipWhile(b => b != committed).Skip(1)) later.Version++;
            }

            path.Add((task.Point!, committed));
            // A planned step that made a choice: its other values are explored at this point too,
            // right after it, as the sequential search does before it moves on to the next branch.
            if (!committed.Alternative && committed.Group < 0 && task.Path.Count < points.Count && points[task.Path.Count] is { ChoiceCount: > 1 } node)
            {
                committed.Group = _groups++;
                var branches = task.Point!.Branches;
                var alternatives = node.OtherChoiceValues().Select(value =>
                    new UpperBranch(Adopt(branches, committed.Step.Thread, value), committed.Group, alternative: true)).ToList();
                branches.InsertRange(branches.IndexOf(committed) + 1, alternatives);
            }
        }

        for (var depth = path.Count; task.Unusable.Count == 0 && depth < points.Count; depth++)
        {
            var node = points[depth];
            var current = node.Current!;
            var point = new UpperPoint([.. node.Sleep], node.View!, node.Preemptions);
            var group = node.ChoiceCount > 1 ? _groups++ : -1;
            var taken = new UpperBranch(new WakeupNode(current.Step.Clone()), group, alternative: false) { State = BranchState.Committed };
            point.Branches.Add(taken);
            var others = node.Wakeup.Children.Where(planned => planned != current)
                .Select(planned => new UpperBranch(WakeupNodes.Copy(planned), -1, alternative: false)).ToList();
            foreach (var value in group >= 0 ? node.OtherChoiceValues() : [])
                point.Branches.Add(new UpperBranch(Adopt(others, current.Step.Thread, value), group, alternative: true));
            point.Branches.AddRange(others);
            if (depth == 0) _first = point;
            else path[depth - 1].Branch.Below = point;
            path.Add((point, taken));
        }

        foreach (var request in requests) Insert(path[request.Depth].Point, path[request.Depth].Branch, request.Sequence);
    }

    /// <summary>
    /// The plan of a choice's later <paramref name="value"/>: a planned branch that starts with that
    /// value already, taken out of <paramref name="branches"/> (the sequential search takes such a
    /// branch up when it comes to the value, with what it plans below), else the bare step.
    /// </summary>
    private static WakeupNode Adopt(List<UpperBranch> branches, int thread, int value)
    {
        var planned = branches.FindIndex(b => b.State == BranchState.Planned && b.Group < 0 && b.Step.Thread == thread && b.Step.ChoiceValue == value);
        if (planned < 0) return new WakeupNode(new DporEvent(thread, value));
        var plan = branches[planned].Plan;
        branches.RemoveAt(planned);
        return plan;
    }

    /// <summary>The tasks of <paramref name="point"/>'s subtree in order, up to the count; false once the scan must stop.</summary>
    private bool Visit(UpperPoint point, List<(UpperPoint, UpperBranch)> path, List<DporTask> tasks, int count)
    {
        for (var i = 0; i < point.Branches.Count; i++)
        {
            if (tasks.Count >= count) return false;
            var branch = point.Branches[i];
            if (branch.State == BranchState.Committed)
            {
                if (branch.Below is { } below && !Visit(below, [.. path, (point, branch)], tasks, count)) return false;
                continue;
            }

            if (branch.State == BranchState.Accepted)
            {
                tasks.Add(branch.Task!);
                continue;
            }

            if (Usable(point, branch))
            {
                Accept(point, branch, path);
                tasks.Add(branch.Task!);
                continue;
            }

            // Whether an unusable branch is skipped or ends in a blocked execution depends on the
            // branches after it, which the earlier tasks may still add to: only the next task decides.
            if (tasks.Count > 0) return false;
            var usable = i + 1;
            while (usable < point.Branches.Count && !Usable(point, point.Branches[usable])) usable++;
            var unusable = point.Branches.GetRange(i, usable - i);
            point.Branches.RemoveRange(i, usable - i);
            if (usable - unusable.Count < point.Branches.Count)
            {
                foreach (var skipped in unusable) CountSkipped(point, skipped);
                i--;
                continue;
            }

            // The sequential search runs a blocked execution here (and counts these branches in it).
            tasks.Add(new DporTask([.. path], point, null, unusable, SleepFor(point, null)));
            return false;
        }

        return true;
    }

    private void Accept(UpperPoint point, UpperBranch branch, List<(UpperPoint, UpperBranch)> path)
    {
        branch.State = BranchState.Accepted;
        branch.Task = new DporTask([.. path], point, branch, [], SleepFor(point, branch));
    }

    /// <summary>As the sequential search's Select: enabled, not asleep, within the bound. Another value of a choice always is.</summary>
    private bool Usable(UpperPoint point, UpperBranch branch)
    {
        if (branch.Alternative) return true;
        var thread = branch.Step.Thread;
        return point.View.Enabled.Contains(thread) && !SleepFor(point, branch).Exists(s => s.Thread == thread)
            && (preemptionBound is not { } bound || point.Preemptions + (point.View.Preempts(thread) ? 1 : 0) <= bound);
    }

    private void CountSkipped(UpperPoint point, UpperBranch branch)
    {
        var thread = branch.Step.Thread;
        if (!point.View.Enabled.Contains(thread)) Infeasible++;
        else if (!SleepFor(point, branch).Exists(s => s.Thread == thread)) CutByBound++;
    }

    /// <summary>
    /// The sleep set at a point when <paramref name="branch"/> is taken (null: after every branch):
    /// the point's own and the branches taken before it, a choice's other values excepted (the
    /// sequential search puts a choice to sleep once all its values are done; its first value,
    /// which ran, stands for all).
    /// </summary>
    private static List<DporEvent> SleepFor(UpperPoint point, UpperBranch? branch)
    {
        var sleep = new List<DporEvent>(point.Sleep);
        var groups = new HashSet<int>();
        foreach (var earlier in point.Branches)
        {
            if (earlier == branch) break;
            if (earlier.State == BranchState.Planned || branch is not null && earlier.SameGroup(branch)) continue;
            if (earlier.Group < 0 || groups.Add(earlier.Group)) sleep.Add(earlier.Step);
        }

        return sleep;
    }

    /// <summary>
    /// A reversal that left a task's prefix at <paramref name="point"/>, where the task took
    /// <paramref name="origin"/>: into the first later branch it starts with (covered when that is a
    /// leaf), else a new branch at the end. The sequential search sees a choice's later values only
    /// once it takes them, so they are passed over.
    /// </summary>
    private static void Insert(UpperPoint point, UpperBranch origin, List<DporEvent> sequence)
    {
        for (var i = point.Branches.IndexOf(origin) + 1; i < point.Branches.Count; i++)
        {
            var branch = point.Branches[i];
            if (branch.SameGroup(origin) || WeakInitials.Remainder(sequence, branch.Step) is not { } after) continue;
            if (branch.Plan.Subtree.IsEmpty) return;
            branch.Plan.Subtree.Insert(after);
            branch.Version++;
            return;
        }

        // A sequence that starts with a later value of the origin's own choice goes where the
        // sequential search puts it when it takes that value up (DporStrategy.Backtrack).
        var value = point.Branches.Find(b => b.SameGroup(origin) && b.State != BranchState.Committed && b.Step.SameStep(sequence[0]));
        if (value is not null)
        {
            value.Plan.Subtree.Insert(sequence[1..]);
            value.Version++;
            return;
        }

        var chain = new WakeupTree();
        chain.Insert(sequence);
        point.Branches.Add(new UpperBranch(chain.Children[0], -1, alternative: false));
    }

    private static long CountPending(UpperPoint point) =>
        point.Branches.Sum(b => b.State == BranchState.Committed ? b.Below is { } below ? CountPending(below) : 0 : 1L);
}

internal enum BranchState
{
    Planned,
    Accepted,
    Committed,
}

/// <summary>A point above the split: its sleep set, who could run there, and its branches in exploration order.</summary>
internal sealed class UpperPoint(List<DporEvent> sleep, PointView view, int preemptions)
{
    public List<DporEvent> Sleep { get; } = sleep;

    public PointView View { get; } = view;

    public int Preemptions { get; } = preemptions;

    public List<UpperBranch> Branches { get; } = [];
}

/// <summary>One branch of an upper point: a wakeup sequence planned, handed to a task, or committed (with the point below it, when above the split).</summary>
internal sealed class UpperBranch(WakeupNode plan, int group, bool alternative)
{
    public WakeupNode Plan { get; } = plan;

    public DporEvent Step => Plan.Step;

    /// <summary>The values of one choice at a point share a group (they do not sleep on each other); -1 alone.</summary>
    public int Group { get; set; } = group;

    /// <summary>A choice's value after the one taken first: taken without the checks a planned step meets, as in the sequential search.</summary>
    public bool Alternative { get; } = alternative;

    public BranchState State { get; set; }

    /// <summary>Bumped whenever the plan grows: a task run ahead from an older plan is run again.</summary>
    public int Version { get; set; }

    public DporTask? Task { get; set; }

    public UpperPoint? Below { get; set; }

    public bool SameGroup(UpperBranch other) => Group >= 0 && Group == other.Group;
}

/// <summary>
/// One task of a split search: the branches from the first point down to <see cref="Point"/>,
/// and there either the <see cref="Branch"/> it explores or the <see cref="Unusable"/> branches of
/// a blocked execution (neither for the first task).
/// </summary>
internal sealed record DporTask(
    IReadOnlyList<(UpperPoint Point, UpperBranch Branch)> Path, UpperPoint? Point, UpperBranch? Branch, List<UpperBranch> Unusable, List<DporEvent> Sleep)
{
    public int Version => Branch?.Version ?? 0;
}
