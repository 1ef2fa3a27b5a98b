// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: lockdep's dependency graph outlives the code path that added an edge, so an inversion is reported whenever both halves have ever run.
namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>A lock-order cycle assembled from dependencies of different schedules.</summary>
/// <param name="Classes">The lock classes around the cycle, starting at the closing dependency's held lock.</param>
/// <param name="Links">Each dependency of the cycle with the schedule that first showed it, closing one first.</param>
public sealed record LockOrderCycle(IReadOnlyList<string> Classes, IReadOnlyList<(long Schedule, string Dependency)> Links)
{
    public string Describe() =>
        $"possible circular locking dependency across schedules: {string.Join(" -> ", Classes.Append(Classes[0]))}: " +
        string.Join("; ", Links.Select(l => $"schedule {l.Schedule}: {l.Dependency}"));
}

/// <summary>
/// Puts the dependencies of an exploration together in schedule order and reports each one that
/// closes a cycle with dependencies of other schedules (a cycle within one schedule is that
/// schedule's own bug already). Only schedule numbers decide the order, so the result does not
/// depend on how many workers explored.
/// </summary>
internal static class LockOrderCycles
{
    private const int MaxCycles = 10;

    public static IReadOnlyList<LockOrderCycle> Find(IEnumerable<(long Number, LockDependency Dependency)> dependencies)
    {
        var first = new Dictionary<(string, string), (long Number, LockDependency Dependency)>();
        foreach (var entry in dependencies)
        {
            var key = (entry.Dependency.From.Key, entry.Dependency.To.Key);
            if (!first.TryGetValue(key, out var known) || entry.Number < known.Number) first[key] = entry;
        }

        var cycles = new List<LockOrderCycle>();
        var seen = new HashSet<string>();
        var graph = new Dictionary<string, List<(long Number, LockDependency Dependency)>>();
        foreach (var entry in first.Values.OrderBy(e => e.Number).ThenBy(e => e.Dependency.From.Key, StringComparer.Ordinal)
                     .ThenBy(e => e.Dependency.To.Key, StringComparer.Ordinal))
        {
            var back = Path(graph, entry.Dependency.To.Key, entry.Dependency.From.Key);
            if (back is not null && back.Exists(b => b.Number != entry.Number) && cycles.Count < MaxCycles)
            {
                var links = back.Prepend(entry).ToList();
                var classes = links.Select(l => l.Dependency.From.Name).ToList();
                if (seen.Add(string.Join("|", links.Select(l => l.Dependency.From.Key).Order(StringComparer.Ordinal))))
                    cycles.Add(new LockOrderCycle(classes, links.Select(l => (l.Number, l.Dependency.Describe())).ToList()));
            }

            if (!graph.TryGetValue(entry.Dependency.From.Key, out var outgoing)) graph[entry.Dependency.From.Key] = outgoing = [];
            outgoing.Add(entry);
        }

        return cycles;
    }

    /// <summary>A chain of dependencies from class <paramref name="from"/> to class <paramref name="to"/> (breadth first: shortest), or null.</summary>
    private static List<(long Number, LockDependency Dependency)>? Path(
        Dictionary<string, List<(long Number, LockDependency Dependency)>> graph, string from, string to)
    {
        var cameBy = new Dictionary<string, (long Number, LockDependency Dependency)?> { [from] = null };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            if (at == to)
            {
                var chain = new List<(long Number, LockDependency Dependency)>();
                for (var link = cameBy[at]; link is { } l; link = cameBy[l.Dependency.From.Key]) chain.Insert(0, l);
                return chain;
            }

            foreach (var edge in graph.GetValueOrDefault(at) ?? [])
            {
                if (cameBy.ContainsKey(edge.Dependency.To.Key)) continue;
                cameBy[edge.Dependency.To.Key] = edge;
                queue.Enqueue(edge.Dependency.To.Key);
            }
        }

        return null;
    }
}
