// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Generation;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// Progress of a fuzzing run: a live Spectre bar on a terminal; elsewhere a plain line on stdout
/// at every tenth of the scenarios and when shrinking starts, so logs show it is alive without
/// flooding them.
/// </summary>
internal static class FuzzProgressDisplay
{
    public static FuzzResult Run(CliContext context, FuzzOptions options)
    {
        // Progress goes to stdout with the rest of the report: stderr carries only errors, one line each.
        if (!context.Interactive) return FuzzRunner.Run(options with { Progress = PlainLines(context.Out, options.Count) });

        return context.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("fuzz", maxValue: options.Count);
                var result = FuzzRunner.Run(options with
                {
                    Progress = p =>
                    {
                        task.Value = p.Tested;
                        task.Description = Markup.Escape(Describe(p));
                    },
                });
                task.Value = task.MaxValue;
                return result;
            });
    }

    private static Action<FuzzProgress> PlainLines(TextWriter output, int count)
    {
        var step = Math.Max(1, count / 10);
        var lastPhase = FuzzPhase.Exploring;
        var lastTested = 0;
        return p =>
        {
            if (p.Phase != lastPhase || (p.Phase == FuzzPhase.Exploring && p.Tested != lastTested && p.Tested % step == 0))
                output.WriteLine($"fuzz: {Describe(p)}");
            lastPhase = p.Phase;
            lastTested = p.Tested;
        };
    }

    private static string Describe(FuzzProgress p) => p.Phase switch
    {
        FuzzPhase.Exploring => $"{p.Tested}/{p.Count} scenarios explored",
        FuzzPhase.ShrinkingScenario => $"scenario {p.Tested} fails; shrinking it ({p.ShrinkSteps} smaller failing scenarios so far, {p.Explorations} explorations)",
        _ => $"scenario shrunk in {p.ShrinkSteps} steps; shrinking the schedule (dfs from preemption bound 0)",
    };
}
