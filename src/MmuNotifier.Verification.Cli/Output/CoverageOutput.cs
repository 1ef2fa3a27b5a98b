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
        if (file is not null) OutputFile.Require("--coverage", file);
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

    /// <summary>
    /// Prints the table and the total (unless <paramref name="table"/> is false: `--json` keeps
    /// stdout one JSON object), writes the JSON file if named, and a coverage.html page into
    /// <paramref name="htmlDirectory"/> if given.
    /// </summary>
    public void Write(CliContext context, bool table = true, string? htmlDirectory = null)
    {
        var coverage = Result();
        if (table) WriteTable(context, coverage);
        if (htmlDirectory is not null)
        {
            var page = Path.Combine(htmlDirectory, "coverage.html");
            Html.HtmlReport.Write(page, "Port coverage", Summary(coverage), [Html.CoverageHtml.Section(coverage)]);
            if (table) context.Out.WriteLine($"coverage page written to {page}");
        }

        if (File is null) return;
        AtomicFile.WriteAllText(File, Json(coverage));
        if (table) context.Out.WriteLine($"coverage written to {File}");
    }

    private static void WriteTable(CliContext context, PortCoverage coverage)
    {
        context.Out.WriteLine();
        var table = TableWriter.New(context);
        table.AddColumn("function");
        table.AddColumn(new TableColumn("schedules").RightAligned());
        table.AddColumn(new TableColumn("arms").RightAligned());
        table.AddColumn(MissingHeading);
        foreach (var f in coverage.Functions)
            table.AddRow(new Text(f.Name), new Text(f.Schedules.ToString(CultureInfo.InvariantCulture)), new Text(Arms(f)), new Text(string.Join(", ", Missing(f))));

        TableWriter.Write(context, table);
        context.Out.WriteLine(Summary(coverage));
    }

    public const string MissingHeading = "arms no schedule took (MmuNotifierC.cs line: condition true/false)";

    /// <summary>"taken/total" branch arms of one function.</summary>
    public static string Arms(FunctionCoverage f) => $"{f.Branches.Sum(b => b.ArmsTaken)}/{f.Branches.Count * 2}";

    /// <summary>"624: false" for every arm of the function no schedule took.</summary>
    public static IEnumerable<string> Missing(FunctionCoverage f) => f.Branches.SelectMany(Missing);

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
