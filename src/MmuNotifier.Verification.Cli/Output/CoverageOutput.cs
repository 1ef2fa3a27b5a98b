// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MmuNotifier.Verification.Engine.Coverage;
using MmuNotifier.Verification.Engine.IO;
using MmuNotifier.Verification.Kernel.Coverage;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// `--coverage [FILE.json]`: collects the port coverage of every exploration of a verb, then
/// prints one row per kernel function (schedules that entered it, branch arms taken, the arms
/// no schedule took) and writes the same data as JSON when a file is named (docs/coverage.md).
/// </summary>
internal sealed class CoverageOutput
{
    private readonly CoverageCounts _counts = new();
    private long _schedules;

    public static Option<string?> CreateOption() => new("--coverage")
    {
        Description = "Record which functions and branches of the port the schedules reach; print a table, and write it as JSON to FILE.json if given",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Null when the option was not given; a usage error when its value is no .json file name.</summary>
    public static CoverageOutput? From(ParseResult parse, Option<string?> option)
    {
        if (parse.GetResult(option) is null) return null;
        var file = parse.GetValue(option);
        if (file is not null && !file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--coverage {file}: expected the name of a .json file (put the program before --coverage)");
        if (file is not null) OutputDirectory.Require("--coverage", Path.GetDirectoryName(Path.GetFullPath(file))!);
        return new CoverageOutput { File = file };
    }

    public string? File { get; private init; }

    public void Add(CoverageCounts? counts, long schedules)
    {
        if (counts is null) return;
        _counts.Add(counts);
        _schedules += schedules;
    }

    public PortCoverage Result() => PortCoverage.From(_counts, _schedules);

    public void Write(CliContext context)
    {
        var coverage = Result();
        context.Out.WriteLine();
        var table = TableWriter.New(context);
        table.AddColumn("function");
        table.AddColumn(new TableColumn("schedules").RightAligned());
        table.AddColumn(new TableColumn("arms").RightAligned());
        table.AddColumn("arms no schedule took (MmuNotifierC.cs line: condition true/false)");
        foreach (var f in coverage.Functions)
        {
            var missing = f.Branches.SelectMany(b => Missing(b)).ToList();
            table.AddRow(new Text(f.Name), new Text(f.Schedules.ToString(CultureInfo.InvariantCulture)),
                new Text($"{f.Branches.Sum(b => b.ArmsTaken)}/{f.Branches.Count * 2}"), new Text(string.Join(", ", missing)));
        }

        TableWriter.Write(context, table);
        context.Out.WriteLine(Summary(coverage));
        if (File is null) return;
        AtomicFile.WriteAllText(File, Json(coverage));
        context.Out.WriteLine($"coverage written to {File}");
    }

    public static string Summary(PortCoverage c) =>
        $"port coverage over {c.Schedules} schedules: {c.FunctionsReached}/{c.FunctionsTotal} functions reached, {c.ArmsTaken}/{c.ArmsTotal} branch arms taken";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Json(PortCoverage coverage) => JsonSerializer.Serialize(coverage, JsonOptions) + "\n";

    private static IEnumerable<string> Missing(BranchCoverage b)
    {
        if (b.WhenTrue == 0) yield return $"{b.Line}: true";
        if (b.WhenFalse == 0) yield return $"{b.Line}: false";
    }
}
