// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Sharding;

/// <summary>
/// `merge` rebuilds its run from the settings of a report; the run it rebuilt must write those
/// settings back exactly. Read leniently, " 20" and "+20" were 20, "yes" and "TRUE" were a
/// silent false, a detector set given as a number was taken, and an extra setting was ignored:
/// the merge ran with settings no shard had written. The fingerprint does not stop that, since
/// whoever edits the settings can recompute it as easily.
/// </summary>
internal static class SettingsReadBack
{
    /// <param name="readBack">The settings of the run rebuilt from <paramref name="report"/>, as a shard of it writes them.</param>
    public static void Require(ShardReport report, IReadOnlyDictionary<string, string> readBack)
    {
        foreach (var name in report.Settings.Keys.Union(readBack.Keys).Order(StringComparer.Ordinal))
        {
            var found = report.Settings.GetValueOrDefault(name);
            var written = readBack.GetValueOrDefault(name);
            if (found == written) continue;
            if (found is null) throw new UsageException($"{report.File}: at $.settings: missing '{name}'");
            if (written is null)
                throw new UsageException($"{report.File}: at $.settings.{name}: unknown setting; expected one of: {string.Join(", ", readBack.Keys.Order(StringComparer.Ordinal))}");
            throw new UsageException($"{report.File}: at $.settings.{name}: expected the value as a shard writes it, '{written}', found '{found}'");
        }
    }
}
