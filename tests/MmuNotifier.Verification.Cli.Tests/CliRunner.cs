// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>Runs the CLI in-process, as `mmu-verify args...` would, capturing both streams.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
    }

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>An input error is reported as a short message, never as a stack trace.</summary>
    public static void AssertCleanError(Result result, string expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Err, StringComparison.Ordinal);
        Assert.StartsWith("mmu-verify: error: ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Err, StringComparison.Ordinal);
    }
}
