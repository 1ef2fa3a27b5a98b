// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>
/// Runs a program, uncounted, until the JIT has had time to tier its code up. A count of
/// schedules is not enough: the runtime promotes a method only after it has been called for a
/// while and compiles it in the background, so a short scenario's 1,000 schedules (20 ms) ended
/// before tier 1 arrived and the first measured round ran at half speed. It stops early once it
/// has run as many schedules as one measured round, so a smoke run of a few schedules stays short.
/// </summary>
internal static class WarmUp
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(500);

    public static void Explore(TestProgram program, ExplorationOptions options, int workers = 1)
    {
        var clock = Stopwatch.StartNew();
        var warm = options with { Iterations = Math.Min(options.Iterations, 1_000), Workers = workers, Progress = null };
        long run = 0;
        do run += Explorer.Explore(program, warm).Iterations;
        while (clock.Elapsed < Minimum && run < options.Iterations);
    }
}
