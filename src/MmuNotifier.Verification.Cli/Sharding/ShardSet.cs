// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Sharding;

/// <summary>
/// The reports given to `merge`, checked to be every shard of one run exactly once: the same
/// verb, shard count and settings, each index once, none interrupted. Each refusal is one line
/// naming the report at fault and the place in it.
/// </summary>
internal static class ShardSet
{
    /// <returns>The reports in shard order.</returns>
    public static IReadOnlyList<ShardReport> Check(IReadOnlyList<ShardReport> reports)
    {
        if (reports.Count == 0) throw new UsageException("merge: expected one or more shard reports");
        var first = reports[0];
        var byIndex = new Dictionary<int, ShardReport>();
        foreach (var report in reports)
        {
            if (report.Command != first.Command)
                throw new UsageException($"{report.File}: at $.command: a report of '{report.Command}', but {first.File} is of '{first.Command}'");
            if (report.Shard.Count != first.Shard.Count)
                throw new UsageException($"{report.File}: at $.shard.count: shard {report.Shard} of a run cut into {report.Shard.Count}, but {first.File} is of one cut into {first.Shard.Count}");
            if (FirstDifference(report.Settings, first.Settings) is { } difference)
                throw new UsageException($"{report.File}: at $.settings.{difference.Name}: settings differ from {first.File}'s: {difference.Text}");
            if (byIndex.TryGetValue(report.Shard.Index, out var twin))
                throw new UsageException($"{report.File}: at $.shard: shard {report.Shard} again ({twin.File} is that shard already)");
            if (report.Interrupted)
                throw new UsageException($"{report.File}: at $.interrupted: shard {report.Shard} was interrupted and covers only part of its share; re-run it");
            byIndex.Add(report.Shard.Index, report);
        }

        // Only as many as the message names: a report of shard 0/2147483647 made a list of two billion.
        var missing = Enumerable.Range(0, first.Shard.Count).Where(i => !byIndex.ContainsKey(i)).Take(11).ToList();
        if (missing.Count > 0)
            throw new UsageException($"{first.File}: at $.shard: missing shard{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Take(10).Select(i => $"{i}/{first.Shard.Count}"))}{(missing.Count > 10 ? ", ..." : "")} of the run this report is shard {first.Shard} of");
        return byIndex.OrderBy(p => p.Key).Select(p => p.Value).ToList();
    }

    private static (string Name, string Text)? FirstDifference(IReadOnlyDictionary<string, string> mine, IReadOnlyDictionary<string, string> theirs)
    {
        foreach (var name in mine.Keys.Union(theirs.Keys).Order(StringComparer.Ordinal))
        {
            var here = mine.GetValueOrDefault(name);
            var there = theirs.GetValueOrDefault(name);
            if (here != there) return (name, $"{name} {Show(here)} here, {Show(there)} there");
        }

        return null;
    }

    private static string Show(string? value) => value is null ? "(absent)" : $"'{value}'";
}
