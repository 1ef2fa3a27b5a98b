// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Where no terminal shows a progress bar, a long run still says it is alive, once an interval; a short one says nothing.</summary>
public sealed class ProgressHeartbeatTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static ExplorationProgress At(int seconds, long executions) => new(executions, executions * 10, 0, TimeSpan.FromSeconds(seconds));

    [Fact]
    public void A_run_shorter_than_the_interval_prints_nothing()
    {
        var error = new StringWriter();
        var heartbeat = new ProgressHeartbeat(error, "kvm-faults", "executions", Interval);
        foreach (var second in new[] { 0, 1, 10, 29 }) heartbeat.Report(At(second, second * 1000L));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void A_long_run_prints_one_line_per_interval_with_its_count()
    {
        var error = new StringWriter();
        var heartbeat = new ProgressHeartbeat(error, "kvm-faults", "executions", Interval);
        foreach (var second in new[] { 10, 31, 40, 55, 61, 62, 95 }) heartbeat.Report(At(second, second * 1000L));

        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "mmu-verify: kvm-faults: 31,000 executions, 0 bugs, 00:00:31 elapsed",
                "mmu-verify: kvm-faults: 61,000 executions, 0 bugs, 00:01:01 elapsed",
                "mmu-verify: kvm-faults: 95,000 executions, 0 bugs, 00:01:35 elapsed",
            ], lines);
    }
}
