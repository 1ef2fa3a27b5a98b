// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// A live progress bar for long explorations, shown only on an interactive terminal; elsewhere a
/// line on standard error now and then (<see cref="ProgressHeartbeat"/>), so logs stay short.
/// </summary>
internal static class ProgressDisplay
{
    public static ExplorationReport Explore(CliContext context, string label, TestProgram program, ExplorationOptions options) =>
        Show(context, label, options, "schedules", o => Explorer.Explore(program, o));

    /// <summary><c>verify</c>'s search, counted in executions against its <c>--max-executions</c>.</summary>
    public static VerificationReport Verify(CliContext context, string label, TestProgram program, ExplorationOptions options) =>
        Show(context, label, options, "executions", o => Verifier.Verify(program, o));

    private static T Show<T>(CliContext context, string label, ExplorationOptions options, string unit, Func<ExplorationOptions, T> run)
    {
        if (!context.Interactive)
        {
            var heartbeat = new ProgressHeartbeat(context.Err, label, unit, ProgressHeartbeat.DefaultInterval);
            var caller = options.Progress;
            return run(options with { Progress = p => { caller?.Invoke(p); heartbeat.Report(p); } });
        }

        return context.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(Markup.Escape(label), maxValue: options.Iterations);
                var result = run(options with
                {
                    // Called from the exploring thread; ProgressTask is safe to update from there.
                    Progress = p =>
                    {
                        task.Value = p.Iterations;
                        task.Description = Markup.Escape($"{label}: {p.Iterations:N0} {unit}, {p.Bugs} bugs");
                    },
                });
                task.Value = task.MaxValue;
                return result;
            });
    }
}
