// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing.Sharding;

namespace MmuNotifier.Verification.Cli.Sharding;

/// <summary>
/// Puts an error met while `merge` uses a report's data at the report and JSON path it comes
/// from. The checks a merge leans on (the program catalogue, the defect list, the engine's merge
/// of logs) know nothing of reports: before, `merge` of a report with an unknown
/// <c>settings.program</c> said only "unknown program 'x'", as if it were a command-line word, and
/// an edited log "merge: lost-update: shard 0/2 holds schedule ...", naming neither file nor place.
/// </summary>
internal static class ReportPlace
{
    /// <summary>
    /// <paramref name="read"/>, its usage or argument error rewritten as
    /// <c>FILE: at PATH: message</c>. A null <paramref name="report"/> (not a merge) passes the error on unchanged.
    /// </summary>
    public static T At<T>(ShardReport? report, string path, Func<T> read)
    {
        if (report is null) return read();
        try
        {
            return read();
        }
        catch (Exception e) when (e is UsageException or ArgumentException && !Placed(e.Message, report))
        {
            throw new UsageException($"{report.File}: at {path}: {e.Message}");
        }
    }

    /// <summary>
    /// The engine's merge of one program's logs (<paramref name="parts"/>[i] from <paramref name="reports"/>[i],
    /// the program at <c>$.programs[index]</c>): a log at fault is named by its report and place in it;
    /// anything else comes from the settings every report holds alike, named by the first.
    /// </summary>
    public static T MergingLogs<T>(IReadOnlyList<ShardReport> reports, int index, Func<T> merge)
    {
        try
        {
            return merge();
        }
        catch (ShardLogException e) when (e.Log >= 0 && e.Log < reports.Count)
        {
            throw new UsageException($"{reports[e.Log].File}: at $.programs[{index}].log{e.Place}: {e.Message}");
        }
        catch (Exception e) when (e is UsageException or ArgumentException && !reports.Any(r => Placed(e.Message, r)))
        {
            throw new UsageException($"{reports[0].File}: at $.programs[{index}]: {e.Message}");
        }
    }

    /// <summary>An error that names the report already (a check that knows it) is left as it is.</summary>
    private static bool Placed(string message, ShardReport report) =>
        report.File.Length > 0 && message.StartsWith(report.File + ":", StringComparison.Ordinal);
}
