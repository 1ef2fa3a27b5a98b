// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Cli.Sharding;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// One program's line of the `verify` sweep (table row and JSON object), from a verification or
/// read back from a shard report's <c>result</c>, so a merge prints what the sweep prints.
/// </summary>
internal sealed record VerifyRow(
    string Program, bool FoundExpected, bool FoundBug, bool Complete, long Executions, long Blocked, int Bugs, double Seconds,
    string? Incomplete, long Infeasible, long CutByBound, string Status)
{
    /// <summary>
    /// A sweep's row: <see cref="FoundExpected"/> when the bug found first is the one the target
    /// expects (its kind and invariant, when the scenario names them), as <c>test</c> judges it.
    /// </summary>
    public static VerifyRow From(CheckTarget target, VerificationReport report)
    {
        var found = report.FoundBug && report.Exploration.Bugs.Count > 0 && target.IsExpected(report.Exploration.Bugs[0].Bug);
        return From(target.Name, found, report, VerifyCommand.Status(target, report, found));
    }

    public static VerifyRow From(string name, bool foundExpected, VerificationReport report, string status) => new(
        name, foundExpected, report.FoundBug, report.Complete, report.Executions, report.Blocked, report.Exploration.Bugs.Count,
        report.Exploration.Elapsed.TotalSeconds, report.IncompleteReason, report.Infeasible, report.CutByBound, status);

    public object Summary() => new
    {
        program = Program,
        complete = Complete,
        executions = Executions,
        blocked = Blocked,
        bugs = Bugs,
        seconds = Math.Round(Seconds, 3),
        incomplete = Incomplete,
        infeasibleReversals = Infeasible,
        cutByBound = CutByBound,
    };

    public IReadOnlyDictionary<string, string> ToResult() => new Dictionary<string, string>
    {
        ["foundBug"] = Bool(FoundBug),
        ["foundExpected"] = Bool(FoundExpected),
        ["complete"] = Bool(Complete),
        ["executions"] = Text(Executions),
        ["blocked"] = Text(Blocked),
        ["bugs"] = Text(Bugs),
        ["incomplete"] = Incomplete ?? "",
        ["infeasibleReversals"] = Text(Infeasible),
        ["cutByBound"] = Text(CutByBound),
        ["status"] = Status,
    };

    /// <summary>The row a shard report holds for <paramref name="target"/>; a missing or bad value is refused naming the file and place.</summary>
    /// <param name="place">Where <paramref name="part"/> is in the report: <c>$.programs[i]</c>.</param>
    public static VerifyRow FromResult(string file, string place, CheckTarget target, ShardProgram part)
    {
        var result = part.Result ?? throw new UsageException($"{file}: at {place}: {target.Name}: expected a 'result', found none");
        string Get(string name) => result.TryGetValue(name, out var value)
            ? value
            : throw new UsageException($"{file}: at {place}.result.{name}: {target.Name}: missing");
        // At most max: a bug count past int's range was cast and wrapped (99999999999 printed as 1215752191).
        long Number(string name, long max = long.MaxValue) => long.TryParse(Get(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw new UsageException($"{file}: at {place}.result.{name}: {target.Name}: expected a whole number from 0 to {max}, found '{Get(name)}'");
        // Printed in the table as they are: a line break or an escape sequence in them would reach the terminal raw.
        string Text(string name) => ErrorText.Visible(Get(name));
        bool Flag(string name) => Get(name) switch
        {
            "true" => true,
            "false" => false,
            var other => throw new UsageException($"{file}: at {place}.result.{name}: {target.Name}: expected true or false, found '{other}'"),
        };

        return new VerifyRow(target.Name, Flag("foundExpected"), Flag("foundBug"), Flag("complete"), Number("executions"), Number("blocked"),
            (int)Number("bugs", int.MaxValue), part.Seconds, Text("incomplete") is "" ? null : Text("incomplete"), Number("infeasibleReversals"),
            Number("cutByBound"), Text("status"));
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a sharded `verify` sweep explores, as its reports record it.</summary>
internal sealed record VerifyRun(ExplorationOptions Options, bool Json)
{
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["maxExecutions"] = Options.Iterations.ToString(CultureInfo.InvariantCulture),
        ["preemptionBound"] = Options.PreemptionBound?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["maxSteps"] = Options.MaxSteps.ToString(CultureInfo.InvariantCulture),
        ["timeout"] = Options.TimeBudget?.TotalSeconds.ToString("R", CultureInfo.InvariantCulture) ?? "",
        ["memoryModel"] = Options.MemoryModel.Name(),
        ["json"] = Json ? "true" : "false",
    };

    public static VerifyRun FromSettings(ShardReport report)
    {
        return new VerifyRun(new ExplorationOptions(), report.Flag("json"));
    }
}
