// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// The schedule-length estimate for strategies that need one (PCT places its change points over
/// it): the most scheduling points with more than one enabled thread, since only those are real
/// choices, over a few random schedules. One schedule is not enough: a random walk that runs one
/// thread to the end early has few such points, and change points crowded into them explore
/// almost nothing. The probes are numbered below 0, so they are none of the exploration's.
/// </summary>
internal static class LengthCalibration
{
    internal const int Probes = 8;

    public static int Measure(TestProgram program, ExplorationOptions options)
    {
        var runtime = ControlledRuntime.For(options, program);
        var probe = new CountingChoices(new RandomStrategy(options.Seed));
        var longest = 1;
        for (var i = 1; i <= Probes; i++)
        {
            probe.InitializeIteration(-i);
            runtime.Run(program.Body, probe, options.MaxSteps);
            longest = Math.Max(longest, probe.Contested);
        }

        return longest;
    }

    private sealed class CountingChoices(IStrategy inner) : IStrategy
    {
        public int Contested { get; private set; }

        public string Name => inner.Name;

        public bool InitializeIteration(long iteration)
        {
            Contested = 0;
            return inner.InitializeIteration(iteration);
        }

        public int NextThread(in SchedulingView view)
        {
            if (view.Enabled.Length > 1) Contested++;
            return inner.NextThread(view);
        }

        public int NextChoice(int count) => inner.NextChoice(count);
    }
}
