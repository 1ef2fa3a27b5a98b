// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Tests.Snapshots;

/// <summary>
/// Issue 12, item 4: the interleavings of committed traces as `replay` renders them (one step per
/// line and --columns), and a bug report as `test` prints it (BugPrinter), pinned as snapshots.
/// </summary>
public sealed class InterleavingSnapshotTests
{
    private static string Replay(string trace, params string[] extra)
    {
        var result = CliRunner.Run(["replay", RepositoryFiles.Trace(trace), .. extra]);
        Assert.True(result.ExitCode == ExitCodes.BugFound, result.ToString());
        return result.Out;
    }

    [Fact]
    public void Replay_lines_initial_seq_odd() => OutputSnapshot.Match(Replay("initial-seq-odd"));

    [Fact]
    public void Replay_columns_initial_seq_odd() => OutputSnapshot.Match(Replay("initial-seq-odd", "--columns"));

    [Fact]
    public void Replay_lines_insert_idle_even_seq() => OutputSnapshot.Match(Replay("insert-idle-even-seq"));

    [Fact]
    public void Replay_columns_insert_idle_even_seq() => OutputSnapshot.Match(Replay("insert-idle-even-seq", "--columns"));

    /// <summary>The report `test` prints for a bug: header, origin, interleaving, the other bugs of the run.</summary>
    [Fact]
    public void Bug_report_of_a_committed_trace()
    {
        var path = RepositoryFiles.Trace("rfc-register-null-ops");
        var trace = TraceFile.Load(path);
        var target = TargetCatalog.ForTrace(path, trace.Subject, trace.Defects);
        var result = Explorer.Replay(target.CreateProgram(), trace);
        var bug = result.PrimaryBug!;
        var output = new StringWriter();
        BugPrinter.PrintHeader(output, trace.Subject.Name, bug, target.ExpectsBug);
        BugPrinter.PrintOrigin(output, trace, "traces/rfc-register-null-ops.json");
        BugPrinter.PrintInterleaving(output, result.Steps, bug);
        BugPrinter.PrintOtherBugs(output, bug, result.Bugs);
        OutputSnapshot.Match(output.ToString());
    }
}
