// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// Splits a DFS schedule tree into disjoint subtrees, named by their decision prefixes, in the
/// order a sequential search would reach them. Searching every subtree runs exactly the
/// schedules of the whole tree.
/// </summary>
internal static class DfsSubtrees
{
    private const int MaxPrefixes = 100_000;

    /// <summary>At least <paramref name="wanted"/> subtrees when the tree has that many, found by deepening the cut.</summary>
    /// <param name="createFrontier">The splittable strategy, branching only at its first (argument) decisions.</param>
    public static IReadOnlyList<Decision[]> Split(TestProgram program, ExplorationOptions options, Func<int, IStrategy> createFrontier, int wanted)
    {
        IReadOnlyList<Decision[]> prefixes = [[]];
        for (var depth = 1; depth <= 256; depth *= 2)
        {
            var (found, reachedDepth) = Enumerate(program, options, createFrontier(depth), depth);
            prefixes = found;
            if (found.Count >= wanted || !reachedDepth || found.Count >= MaxPrefixes) break;
        }

        return prefixes;
    }

    /// <summary>The distinct prefixes of length <paramref name="depth"/>, and whether any run was that long.</summary>
    private static (List<Decision[]> Prefixes, bool ReachedDepth) Enumerate(TestProgram program, ExplorationOptions options,
        IStrategy strategy, int depth)
    {
        var runtime = ControlledRuntime.For(options, program);
        var prefixes = new List<Decision[]>();
        var reached = false;
        for (long i = 0; prefixes.Count < MaxPrefixes && strategy.InitializeIteration(i); i++)
        {
            runtime.Run(program.Body, strategy, options.MaxSteps);
            var decisions = runtime.Decisions;
            reached |= decisions.Count >= depth;
            prefixes.Add(decisions.Take(depth).ToArray());
        }

        return (prefixes, reached);
    }
}
