// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Cli.Commands;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Cli.Terminal;
using MmuNotifier.Verification.Engine.Json;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli;

/// <summary>
/// The whole command-line program behind one testable call: parse, run the verb, map every
/// outcome to an exit code (see <see cref="ExitCodes"/>). Input mistakes end as one line on the
/// error writer, never as a stack trace.
/// </summary>
public static class CliApp
{
    public const string Name = "mmu-verify";

    /// <param name="interruption">Signals of the real process (Program.cs); null: a run that is never interrupted.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, Interruption? interruption = null)
    {
        var skipped = new SkippedInputs(error);
        SkippedInputs.Current = skipped;
        using var never = interruption is null ? new Interruption() : null;
        interruption ??= never!;
        var code = RunVerb(args, output, error, interruption);
        if (interruption.Requested) return interruption.ExitCode;
        // Files a sweep had to leave out were reported as they were met; the exit code says so too.
        return skipped.Count > 0 && code is ExitCodes.Ok or ExitCodes.BugFound ? ExitCodes.UsageError : code;
    }

    private static int RunVerb(string[] args, TextWriter output, TextWriter error, Interruption interruption)
    {
        var interactive = ConsoleFactory.IsInteractive(output);
        var context = new CliContext(output, error, ConsoleFactory.Create(output, interactive), interactive, interruption);
        var root = BuildRoot(context);
        var parsed = root.Parse(args, Parsing);

        // Parse errors are ours to report: System.CommandLine would print the whole help and exit 1,
        // but 1 means "bug found" here.
        // System.CommandLine ignores what follows --version; a stray word there is a mistake.
        var errors = parsed.Errors.Select(ParseErrorText.Describe).ToList();
        if (args is ["--version", _, ..]) errors.Add($"--version takes no arguments, found '{args[1]}'");
        if (errors.Count > 0)
        {
            error.WriteLine($"{Name}: error: {ErrorText.Visible(string.Join("; ", errors))}");
            error.WriteLine($"Run '{Name} --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            Output.OutputClaims.Begin(parsed);
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e) when (e is UsageException or JsonFormatException)
        {
            error.WriteLine(ErrorText.Line(e.Message));
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An output directory that is a file, a read-only path, a vanished input file: the
            // user's environment, not a fault of the tool.
            error.WriteLine(ErrorText.Line(e.Message));
            return ExitCodes.UsageError;
        }
        catch (Exception e)
        {
            error.WriteLine($"{Name}: internal error: {e.GetType().Name}: {e.Message}");
            if (args.Contains("--verbose") || args.Contains("-v")) error.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// No response files: System.CommandLine would read the tokens of `@FILE` itself, outside the
    /// input checks, so `test @/tmp` ended in an unhandled exception and `test @/dev/zero` or a
    /// FIFO never returned. A word starting with '@' is an ordinary argument.
    /// </summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    private static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand(
            "Deterministic concurrency model checker for Linux's mm/mmu_notifier.c.\n" +
            "Exit codes: 0 nothing unexpected, 1 bug found, 2 usage or input error, 3 internal error, 130/143 interrupted by SIGINT/SIGTERM.");
        root.Subcommands.Add(TestCommand.Create(context));
        root.Subcommands.Add(VerifyCommand.Create(context));
        root.Subcommands.Add(ReplayCommand.Create(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(CorpusCommand.Create(context));
        root.Subcommands.Add(FuzzCommand.Create(context));
        root.Subcommands.Add(MergeCommand.Create(context));
        StrictNumbers.Apply(root);
        RepeatedValues.Apply(root);
        return root;
    }
}
