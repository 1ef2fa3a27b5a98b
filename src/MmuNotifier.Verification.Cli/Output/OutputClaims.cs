// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.CommandLine.Parsing;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// Which files a run reads and writes, so that no output file is also an input or another
/// output: `replay T --html T` replaced the trace with its own page, and `--report F --coverage F`
/// kept whichever was written last. The inputs are the command's arguments that name files (the
/// trace, a scenario file, the shard reports). One per CLI run, found through the call context
/// like <see cref="Programs.SkippedInputs"/>.
/// </summary>
internal sealed class OutputClaims
{
    private static readonly AsyncLocal<OutputClaims?> CurrentRun = new();

    /// <summary>Full path → who has it: "the input X" or the option writing it.</summary>
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    private OutputClaims(IEnumerable<string> inputs)
    {
        foreach (var input in inputs.Where(File.Exists)) _owners.TryAdd(Full(input), $"the input {input}");
    }

    /// <summary>Starts the claims of the run <paramref name="parsed"/> describes.</summary>
    public static void Begin(ParseResult parsed) =>
        CurrentRun.Value = new OutputClaims(parsed.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value));

    /// <summary><paramref name="path"/> is written by <paramref name="option"/>; a usage error if something else has it.</summary>
    public static void Claim(string option, string path)
    {
        if (CurrentRun.Value is not { } run) return;
        var full = Full(path);
        if (run._owners.TryGetValue(full, out var owner) && owner != option)
            throw new UsageException($"{option} {path}: expected a file of its own, but {owner} is that file");
        run._owners[full] = option;
    }

    private static string Full(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }
}
