// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using System.Runtime;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>
/// Runs code, uncounted, until the JIT has finished tiering it up. The runtime promotes a method
/// only after it has been called for a while, and only once no new method has been compiled for
/// a moment; it then compiles it in the background, on a thread that shares the cores with the
/// measured one. Neither a count of schedules nor two chunks agreeing on their rate says this is
/// over: on a scenario of 86 steps, 20,000 schedules (the old warm-up) ended after 1.5 s, while
/// methods were still being promoted at 4 s and the rate was still rising (34,000 → 49,000/s).
/// So the warm-up runs chunks until the process has compiled at most <see cref="Trickle"/> methods
/// in the last <see cref="Quiet"/> (JitInfo counts every compilation, tier-ups included) and at least <see cref="Minimum"/> has
/// passed; it gives up after <see cref="Maximum"/> and says so. The same rule warms up each
/// engine of a comparison.
/// </summary>
internal static class WarmUp
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Compilations a quiet window may still hold: Coyote's engine goes on compiling a method every
    /// few hundred milliseconds long after its hot paths are tiered up (rarely taken branches).
    /// </summary>
    public const int Trickle = 2;

    /// <summary>Schedules per warm-up chunk of our engine.</summary>
    public const int Chunk = 1_000;

    /// <summary>Warms <paramref name="program"/> up on our engine with <paramref name="options"/> (on <paramref name="workers"/> workers).</summary>
    /// <remarks>
    /// A smoke run whose measured rounds are shorter than one chunk measures nothing steady
    /// anyway; its warm-up stops after one round's worth of schedules, so it stays short.
    /// </remarks>
    public static WarmUpResult Explore(TestProgram program, ExplorationOptions options, int workers = 1)
    {
        var warm = options with { Iterations = Math.Min(options.Iterations, Chunk), Workers = workers, Progress = null };
        long run = 0;
        return Until(() =>
        {
            run += Explorer.Explore(program, warm).Iterations;
            return options.Iterations < Chunk && run >= options.Iterations;
        });
    }

    /// <summary>
    /// Runs <paramref name="chunk"/> until the JIT is quiet (or the chunk says the warm-up may end).
    /// </summary>
    /// <param name="chunk">One short run of the measured code; returns true when no more warm-up is wanted.</param>
    /// <param name="maximum">When to give up (default <see cref="Maximum"/>).</param>
    public static WarmUpResult Until(Func<bool> chunk, TimeSpan? maximum = null)
    {
        var limit = maximum ?? Maximum;
        var clock = Stopwatch.StartNew();
        // (time, methods compiled by then) after each chunk, back to just before the quiet window.
        var samples = new Queue<(TimeSpan At, long Compiled)>();
        samples.Enqueue((TimeSpan.Zero, JitInfo.GetCompiledMethodCount()));
        while (true)
        {
            var enough = chunk();
            var now = clock.Elapsed;
            var compiled = JitInfo.GetCompiledMethodCount();
            while (samples.Count > 1 && now - samples.ElementAt(1).At >= Quiet) samples.Dequeue();
            var (since, before) = samples.Peek();
            samples.Enqueue((now, compiled));
            var quiet = now - since >= Quiet && compiled - before <= Trickle;
            if (enough || (quiet && now >= Minimum)) return new WarmUpResult(now, GaveUp: false);
            if (now >= limit) return new WarmUpResult(now, GaveUp: true);
        }
    }
}

/// <summary>How long a warm-up took; <paramref name="GaveUp"/>: the JIT was still compiling at <see cref="WarmUp.Maximum"/>.</summary>
internal readonly record struct WarmUpResult(TimeSpan Elapsed, bool GaveUp)
{
    /// <summary>The note a bench prints under its table when a warm-up gave up, else null.</summary>
    public static string? Note(IEnumerable<WarmUpResult> warmUps) =>
        warmUps.FirstOrDefault(w => w.GaveUp) is { GaveUp: true } gaveUp
            ? $"note: the JIT was still compiling after {gaveUp.Elapsed.TotalSeconds:0.0} s of warm-up; the figures may include code not yet optimised"
            : null;
}
