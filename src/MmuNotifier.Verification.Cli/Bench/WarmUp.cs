// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>
/// Runs a program, uncounted, until the JIT has tiered its code up. A count of schedules is not
/// enough: the runtime promotes a method only after it has been called for a while and compiles
/// it in the background, behind whatever else the process queued (at start, the CLI's and
/// Coyote's own code). So the warm-up runs chunks until two in a row agree on the rate within
/// 10% and at least <see cref="Minimum"/> has passed; it gives up on agreement after
/// <see cref="Maximum"/>, and stops early once it has run as many schedules as one measured round,
/// so a smoke run of a few schedules stays short.
/// </summary>
internal static class WarmUp
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(5);

    public static void Explore(TestProgram program, ExplorationOptions options, int workers = 1)
    {
        var clock = Stopwatch.StartNew();
        var warm = options with { Iterations = Math.Min(options.Iterations, 1_000), Workers = workers, Progress = null };
        long run = 0;
        double previous = 0;
        while (true)
        {
            var report = Explorer.Explore(program, warm);
            run += report.Iterations;
            var rate = report.IterationsPerSecond;
            var steady = previous > 0 && Math.Abs(rate - previous) <= 0.1 * previous;
            previous = rate;
            if (run >= options.Iterations || clock.Elapsed >= Maximum) return;
            if (steady && clock.Elapsed >= Minimum) return;
        }
    }
}
