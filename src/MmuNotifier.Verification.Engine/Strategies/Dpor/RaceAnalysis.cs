// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.HappensBefore;

namespace MmuNotifier.Verification.Engine.Strategies.Dpor;

/// <summary>
/// The happens-before of one finished execution and its races (Abdulla et al., JACM 2017,
/// Definition 3.3): step i races with a later step j of another thread when they conflict and
/// nothing else orders them. Clocks hold step indices plus one (<see cref="VectorClock.Set"/>).
/// </summary>
internal sealed class RaceAnalysis
{
    private readonly List<DporEvent> _events;
    private readonly VectorClock[] _clocks;

    public RaceAnalysis(List<DporEvent> events, int reportFrom)
    {
        _events = events;
        _clocks = new VectorClock[events.Count];
        var lastOfThread = new Dictionary<int, int>();
        var spawner = new Dictionary<int, int>();
        for (var j = 0; j < events.Count; j++)
        {
            var e = events[j];
            var clock = lastOfThread.TryGetValue(e.Thread, out var previous) ? _clocks[previous].Copy()
                : spawner.TryGetValue(e.Thread, out var parent) ? _clocks[parent].Copy() : new VectorClock();
            for (var m = j - 1; m >= 0; m--)
            {
                var other = events[m];
                if (other.Thread == e.Thread) continue;
                var relation = DporDependence.Between(other, e);
                if (relation == Relation.Independent || clock.HasSeen(other.Thread, m + 1)) continue;
                if (relation == Relation.Conflict && j >= reportFrom) Races.Add((m, j));
                clock.Join(_clocks[m]);
            }

            clock.Set(e.Thread, j + 1);
            _clocks[j] = clock;
            lastOfThread[e.Thread] = j;
            for (var child = e.ThreadsBefore; child < e.ThreadCount; child++) spawner[child] = j;
        }
    }

    /// <summary>The races (earlier step, later step) whose later step is at or after the index asked for.</summary>
    public List<(int Earlier, int Later)> Races { get; } = [];

    /// <summary>notdep(e_i).e_j: the steps between i and j that do not happen after i, then j.</summary>
    public List<DporEvent> Reversal(int i, int j)
    {
        var thread = _events[i].Thread;
        var sequence = new List<DporEvent>();
        for (var k = i + 1; k < j; k++)
            if (!_clocks[k].HasSeen(thread, i + 1)) sequence.Add(_events[k]);
        sequence.Add(_events[j]);
        return sequence;
    }
}
