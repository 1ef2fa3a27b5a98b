// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// Progress where no one watches a terminal (a CI log, a pipe): one line on standard error every
/// interval of a run, so a long search shows it is alive and how far it got, while a run shorter
/// than that prints nothing and standard output keeps only the results.
/// </summary>
internal sealed class ProgressHeartbeat
{
    /// <summary>Often enough that a long CI job shows it is alive, rarely enough to keep the log short.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    private readonly TextWriter _error;
    private readonly string _label;
    private readonly string _unit;
    private readonly TimeSpan _interval;
    private TimeSpan _next;

    public ProgressHeartbeat(TextWriter error, string label, string unit, TimeSpan interval)
    {
        (_error, _label, _unit, _interval) = (error, label, unit, interval);
        _next = interval;
    }

    public void Report(ExplorationProgress progress)
    {
        if (progress.Elapsed < _next) return;
        // Due again one interval after this line, not on a fixed grid: a late report is not followed by a burst.
        _next = progress.Elapsed + _interval;
        _error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mmu-verify: {_label}: {progress.Iterations:N0} {_unit}, {progress.Bugs} bugs, {progress.Elapsed:hh\\:mm\\:ss} elapsed"));
    }
}
