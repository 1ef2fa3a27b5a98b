// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: lockdep records "B taken while A held" between classes and reports a new dependency that closes a cycle.
namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>
/// The class dependency graph of one runtime, kept across its runs. Every edge remembers the run
/// that last took it, with a witness from that run, so a cycle made only of this run's edges is
/// reported in the run (and replays with it), while edges first seen are handed to the
/// exploration's log, which looks for cycles across schedules (<see cref="LockOrderCycles"/>).
/// A step adds nothing here: only lock acquisitions with other locks held do.
/// </summary>
internal sealed class LockOrderGraph
{
    private readonly Dictionary<long, Edge> _edges = [];
    private readonly List<List<Edge>> _out = [];
    private readonly List<LockDependency> _firstSeen = [];
    private readonly List<Edge> _chain = [];
    private int[] _visited = new int[16];
    private int _search;
    private int _run;

    /// <summary>Dependencies this runtime had never seen before, since the last <see cref="TakeFirstSeen"/>.</summary>
    public List<LockDependency> TakeFirstSeen()
    {
        var taken = _firstSeen.ToList();
        _firstSeen.Clear();
        return taken;
    }

    public bool HasFirstSeen => _firstSeen.Count > 0;

    public void BeginRun() => _run++;

    /// <summary>
    /// Records that <paramref name="thread"/> takes <paramref name="acquired"/> at <paramref name="step"/>
    /// while holding <paramref name="held"/>. Returns the chain of this run's dependencies that leads
    /// back from the new lock to the held one (the other half of a cycle), or null.
    /// </summary>
    public List<LockDependency>? Add(in HeldLock held, LockClass acquired, string acquiredName, string thread, int step)
    {
        var key = ((long)held.Class.Id << 32) | (uint)acquired.Id;
        if (_edges.TryGetValue(key, out var edge))
        {
            if (edge.Run == _run) return null;
        }
        else
        {
            edge = new Edge(acquired.Id);
            _edges.Add(key, edge);
            while (_out.Count <= held.Class.Id) _out.Add([]);
            _out[held.Class.Id].Add(edge);
        }

        var fresh = edge.Run == 0;
        edge.Run = _run;
        edge.Witnessed(held, acquired, acquiredName, thread, step);
        if (fresh) _firstSeen.Add(edge.Witness());
        return PathThisRun(acquired.Id, held.Class.Id);
    }

    /// <summary>This run's chain of dependencies from class <paramref name="from"/> to class <paramref name="to"/>, or null.</summary>
    private List<LockDependency>? PathThisRun(int from, int to)
    {
        _search++;
        _chain.Clear();
        return Search(from, to, _chain) ? _chain.Select(e => e.Witness()).ToList() : null;
    }

    private bool Search(int at, int target, List<Edge> chain)
    {
        if (at >= _out.Count) return false;
        if (_visited.Length <= at) Array.Resize(ref _visited, Math.Max(at + 1, _visited.Length * 2));
        if (_visited[at] == _search) return false;
        _visited[at] = _search;
        foreach (var edge in _out[at])
        {
            if (edge.Run != _run) continue;
            chain.Add(edge);
            if (edge.To == target || Search(edge.To, target, chain)) return true;
            chain.RemoveAt(chain.Count - 1);
        }

        return false;
    }

    /// <summary>
    /// A class dependency and what the run that last took it saw, kept as fields: an edge is taken
    /// again in most schedules, and a <see cref="LockDependency"/> is made only for a report or a first sighting.
    /// </summary>
    private sealed class Edge(int to)
    {
        private HeldLock _held;
        private LockClass? _acquired;
        private string _acquiredName = "";
        private string _thread = "";
        private int _step;

        public int To { get; } = to;

        /// <summary>The run that last took this edge (0: none yet).</summary>
        public int Run { get; set; }

        public void Witnessed(in HeldLock held, LockClass acquired, string acquiredName, string thread, int step)
        {
            _held = held;
            _acquired = acquired;
            _acquiredName = acquiredName;
            _thread = thread;
            _step = step;
        }

        public LockDependency Witness() =>
            new(_held.Class, _acquired!, _thread, _held.Name, _held.Step, _acquiredName, _step);
    }
}

/// <summary>One observed dependency: <see cref="Thread"/> took <see cref="AcquiredName"/> while holding <see cref="HeldName"/>.</summary>
internal sealed record LockDependency(LockClass From, LockClass To, string Thread, string HeldName, int HeldStep, string AcquiredName, int Step)
{
    public string Describe() => $"{Thread} asked for {AcquiredName} at step {Step} while holding {HeldName} (since step {HeldStep})";
}
