// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Bench;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>The bench verbs' progress lines: one per row at a terminal, none in a pipe.</summary>
public sealed class BenchProgressTests
{
    [Fact]
    public void At_a_terminal_each_row_gets_a_line_counting_the_rows()
    {
        var err = new StringWriter();
        var progress = BenchProgress.To(err, "coyote", 2);

        progress.Row("fault-vs-unmap");
        progress.Row("kvm-faults");

        Assert.Equal(["coyote: fault-vs-unmap (1/2)", "coyote: kvm-faults (2/2)"], err.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void In_a_pipe_the_bench_verbs_write_nothing_to_stderr()
    {
        // CliRunner's writers are no terminal: the same run prints its table and no progress.
        var result = CliRunner.Run("bench", "coyote", "--rounds", "1", "--iterations", "20", "--coyote-iterations", "2", "--scenario", "get-put");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("get-put", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("coyote: get-put (1/1)", result.Err, StringComparison.Ordinal);
    }
}
