// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Programs;

/// <summary>
/// Input files a sweep had to leave out (a broken scenario among the good ones of models/): each
/// is reported once, as one error line, when it is met; the sweep goes on with the others and the
/// run ends with exit 2 (<see cref="CliApp"/>). One per CLI run, found through the call context so
/// that the static catalogues can report into it.
/// </summary>
internal sealed class SkippedInputs(TextWriter error)
{
    private static readonly AsyncLocal<SkippedInputs?> CurrentRun = new();

    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly TextWriter _error = error;

    public static SkippedInputs? Current
    {
        get => CurrentRun.Value;
        set => CurrentRun.Value = value;
    }

    public int Count
    {
        get
        {
            lock (_reported) return _reported.Count;
        }
    }

    public static void Report(Exception problem)
    {
        if (Current is not { } run) return;
        lock (run._reported)
        {
            if (run._reported.Add(problem.Message)) run._error.WriteLine(ErrorText.Line($"{problem.Message} (skipped; the other files are used)"));
        }
    }
}
