// SPDX-License-Identifier: GPL-2.0-only
using Spectre.Console;
using MmuNotifier.Verification.Models.Generation;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// `fuzz --misuse`: runs the misuse generator and prints, per misuse kind, how many scenarios got
/// a kernel-style finding and which. Exit 0 when every finding was kernel-style, 1 (with the
/// scenario and trace written) when a .NET exception escaped the port or the models.
/// </summary>
internal static class FuzzMisuseOutput
{
    public static int Run(CliContext context, FuzzOptions options)
    {
        OutputDirectory.Require("--models-out", options.ModelsDirectory);
        OutputDirectory.Require("--traces-out", options.TracesDirectory);
        var b = options.Budget;
        context.Out.WriteLine($"fuzz --misuse: {options.Count} misusing scenarios from seed {options.Seed}; per scenario {b.Schedules} {b.Strategy} schedules; " +
                              (options.Defects.Count == 0 ? "faithful port" : "defects: " + string.Join(", ", options.Defects)));
        var result = MisuseRunner.Run(options);
        var table = TableWriter.New(context);
        table.AddColumn("misuse");
        table.AddColumn(new TableColumn("scenarios").RightAligned());
        table.AddColumn(new TableColumn("kernel-style").RightAligned());
        table.AddColumn(new TableColumn("silent").RightAligned());
        table.AddColumn("findings");
        foreach (var t in result.Tallies)
        {
            var findings = string.Join(", ", t.Findings.Select(f => $"{f.Key} x{f.Value}"));
            table.AddRow(t.Kind.Name(), $"{t.Generated:N0}", $"{t.KernelStyle:N0}", $"{t.Silent:N0}", Markup.Escape(findings));
        }

        TableWriter.Write(context, table);
        if (result.InternalError is not { } error)
        {
            context.Out.WriteLine($"every finding was kernel-style ({result.Explorations} explorations)");
            return ExitCodes.Ok;
        }

        context.Out.WriteLine($"internal error in scenario {error.Scenario} ({error.Kind.Name()}): {error.Bug}");
        context.Out.WriteLine($"scenario: {error.ScenarioPath}");
        context.Out.WriteLine($"trace: {error.TracePath}   (replay: {CliApp.Name} replay {error.TracePath})");
        return ExitCodes.BugFound;
    }
}
