// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using MmuNotifier.Verification.Engine.Testing;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>One row per explored program: what was explored, how fast, and what came of it.</summary>
internal sealed class SummaryTable
{
    private readonly Table _table;

    public SummaryTable(CliContext context)
    {
        // In logs a Markdown table reads well and pastes straight into an issue.
        _table = TableWriter.New(context);
        _table.AddColumn("program");
        foreach (var numeric in new[] { "iterations", "steps", "distinct schedules", "bugs", "it/s" })
            _table.AddColumn(new TableColumn(numeric).RightAligned());
        _table.AddColumn("result");
    }

    public void Add(string program, ExplorationReport report, string result)
    {
        _table.AddRow(
            new Text(program),
            new Text(Count(report.Iterations)),
            new Text(Count(report.TotalSteps)),
            new Text(Count(report.DistinctSchedules) + (report.Exhausted ? " (all)" : "")),
            new Text(Count(report.Bugs.Count)),
            new Text(report.IterationsPerSecond.ToString("N0", CultureInfo.InvariantCulture)),
            new Text(result));
    }

    public void Write(CliContext context) => TableWriter.Write(context, _table);

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
