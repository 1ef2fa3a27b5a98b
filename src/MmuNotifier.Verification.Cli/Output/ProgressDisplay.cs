// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// A live progress bar for long explorations, shown only on an interactive terminal; elsewhere the
/// exploration runs silently and only the summary is printed, so logs stay clean.
/// </summary>
internal static class ProgressDisplay
{
    public static ExplorationReport Explore(CliContext context, string label, TestProgram program, ExplorationOptions options)
    {
        if (!context.Interactive) return Explorer.Explore(program, options);

        return context.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(Markup.Escape(label), maxValue: options.Iterations);
                var report = Explorer.Explore(program, options with
                {
                    // Called from the exploring thread; ProgressTask is safe to update from there.
                    Progress = p =>
                    {
                        task.Value = p.Iterations;
                        task.Description = Markup.Escape($"{label}: {p.Iterations:N0} schedules, {p.Bugs} bugs");
                    },
                });
                task.Value = task.MaxValue;
                return report;
            });
    }
}
