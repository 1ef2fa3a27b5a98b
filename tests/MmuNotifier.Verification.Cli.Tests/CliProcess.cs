// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Runs the real mmu-verify program as a child process: for what an in-process run cannot show
/// (signals, the process environment such as MMU_VERIFY_MODELS). Every wait is bounded; a child
/// that outlives it is killed and the test fails.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly List<string> _out = [];
    private readonly List<string> _err = [];

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_err, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static CliProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartIn(AppContext.BaseDirectory, environment, args);

    /// <summary>Starts the program in <paramref name="workingDirectory"/> (e.g. one outside the checkout).</summary>
    public static CliProcess StartIn(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mmu-verify.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>Runs to the end and returns what an in-process run would.</summary>
    public static CliRunner.Result Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var child = Start(environment, args);
        return child.WaitForExit();
    }

    /// <summary>Waits until a line of stdout contains <paramref name="text"/>.</summary>
    public void WaitForOutput(string text)
    {
        var deadline = Stopwatch.StartNew();
        while (!Snapshot(_out).Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited && !Snapshot(_out).Contains(text, StringComparison.Ordinal), $"exited before printing '{text}': {Snapshot(_out)}{Snapshot(_err)}");
            Assert.True(deadline.Elapsed < Patience, $"no '{text}' within {Patience}: {Snapshot(_out)}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Sends a signal by name (INT, TERM) the way a shell's kill does.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", $"-{name} {_process.Id}")!;
        Assert.True(kill.WaitForExit(Patience), "kill did not return");
    }

    public CliRunner.Result WaitForExit()
    {
        if (!_process.WaitForExit(Patience))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"mmu-verify did not end within {Patience}: {Snapshot(_out)}");
        }

        _process.WaitForExit();  // drains the asynchronous readers
        return new CliRunner.Result(_process.ExitCode, Snapshot(_out), Snapshot(_err));
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is null) return;
        lock (lines) lines.Add(line);
    }

    private static string Snapshot(List<string> lines)
    {
        lock (lines) return string.Concat(lines.Select(l => l + "\n"));
    }
}
