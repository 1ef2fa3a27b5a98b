// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Ctrl-C and SIGTERM to a real mmu-verify process: it stops at the next schedule boundary,
/// keeps what it found, prints the summary so far marked interrupted and exits 130 / 143.
/// Nothing here depends on how fast the exploration runs: the signal is sent once the run
/// says it is exploring, and the budget is far larger than any machine finishes.
/// </summary>
public sealed class SignalTests
{
    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public void A_signalled_test_prints_the_summary_so_far_and_exits_with_the_signal_code(string signal, int exitCode)
    {
        using var dir = new TempDirectory();
        using var child = CliProcess.Start(null, "test", "--verbose", "--iterations", "2000000000", "--out", dir.Path);
        // lost-update (first) finds its bug at once; the signal comes while lost-update-fixed runs.
        child.WaitForOutput("exploring lost-update-fixed");
        child.Signal(signal);
        var result = child.WaitForExit();

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Contains($"interrupted by SIG{signal}", result.Out);
        Assert.Contains("| lost-update-fixed", result.Out);
        Assert.Contains("interrupted |", result.Out);
        Assert.DoesNotContain("ab-ba-deadlock", result.Out);

        // The finding made before the signal is kept, whole, and nothing half-written is left.
        var trace = Assert.Single(Directory.GetFiles(dir.Path));
        Assert.EndsWith("lost-update-portfolio-seed0-it0.json", trace);
        Assert.Equal("lost-update", TraceFile.Load(trace).Subject.Name);
    }
}
