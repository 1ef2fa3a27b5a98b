// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// A scheduling strategy: at every scheduling point it picks which enabled thread runs next, and
/// it supplies the values of nondeterministic choices. Strategies are seeded and deterministic;
/// a new strategy never needs to touch the engine.
/// </summary>
public interface IStrategy
{
    /// <summary>Name written into traces (random, pct, dfs, replay ...).</summary>
    string Name { get; }

    /// <summary>Prepares schedule number <paramref name="iteration"/>; false when there is none left (DFS exhausted).</summary>
    bool InitializeIteration(long iteration);

    /// <summary>Returns the id of the thread to run next; it must be one of <see cref="SchedulingView.Enabled"/>.</summary>
    int NextThread(in SchedulingView view);

    /// <summary>Returns a value in [0, <paramref name="count"/>).</summary>
    int NextChoice(int count);
}
