// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Cli.Sharding;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `merge REPORT...`: puts the --report files of every shard of one run together and prints what
/// the single run with the same settings prints (summary, bugs with their interleavings and
/// traces), with its exit code. Reports of different runs, a shard given twice or left out, an
/// interrupted shard or a bad file are refused with one line naming the file (exit 2).
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var reports = new Argument<string[]>("reports") { Description = "The --report files of every shard of one run", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o")
        {
            Description = "Directory where the traces of found bugs are written (test)",
            DefaultValueFactory = _ => Path.Combine("traces", "found"),
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "As for test: every bug of a run and step-bound hits" };
        var modelsDir = new Option<string>("--models-out") { Description = "Where fuzz's shrunk scenario is written", DefaultValueFactory = _ => Path.Combine("models", "found") };
        var tracesDir = new Option<string>("--traces-out") { Description = "Where fuzz's trace is written", DefaultValueFactory = _ => Path.Combine("traces", "found") };
        var json = new Option<bool>("--json") { Description = "bench kill: print the matrix as one JSON object, as 'bench kill --json' does" };
        var command = new Command("merge", "Combine the shard reports of one sharded run into the single run's summary, bugs and exit code");
        command.Arguments.Add(reports);
        command.Options.Add(outDir);
        command.Options.Add(verbose);
        command.Options.Add(modelsDir);
        command.Options.Add(tracesDir);
        command.Options.Add(json);
        // The options each kind of report reads; another given explicitly would be dropped silently.
        var readBy = new Dictionary<Option, string>
        {
            [outDir] = TestCommand.Name, [verbose] = TestCommand.Name,
            [modelsDir] = FuzzCommand.Name, [tracesDir] = FuzzCommand.Name,
            [json] = BenchKillShard.Name,
        };
        command.SetAction(parse =>
        {
            var loaded = ShardSet.Check((parse.GetValue(reports) ?? []).Select(ShardReportFile.Load).ToList());
            foreach (var (option, verb) in readBy)
            {
                if (parse.GetResult(option) is { Implicit: false } && verb != loaded[0].Command)
                    throw new UsageException($"{option.Name}: only when merging reports of '{verb}'; {loaded[0].File} is of '{loaded[0].Command}'");
            }

            return loaded[0].Command switch
            {
                TestCommand.Name => TestCommand.Merge(context, loaded, parse.GetValue(outDir)!, parse.GetValue(verbose)),
                VerifyCommand.Name => VerifyCommand.Merge(context, loaded),
                FuzzCommand.Name => FuzzCommand.Merge(context, loaded, parse.GetValue(modelsDir)!, parse.GetValue(tracesDir)!),
                BenchKillShard.Name => BenchKillCommand.Merge(context, loaded, parse.GetValue(json)),
                _ => throw new UsageException(
                    $"{loaded[0].File}: at $.command: expected a report of {TestCommand.Name}, {VerifyCommand.Name}, {FuzzCommand.Name} or {BenchKillShard.Name}, found '{loaded[0].Command}'"),
            };
        });
        return command;
    }
}
