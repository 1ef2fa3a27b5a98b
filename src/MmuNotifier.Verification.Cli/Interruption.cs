// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.InteropServices;

namespace MmuNotifier.Verification.Cli;

/// <summary>
/// Ctrl-C and SIGTERM. A verb that can stop cleanly says so (<see cref="Graceful"/>); a signal
/// then cancels <see cref="Token"/>, the exploration stops at the next schedule boundary, the
/// verb writes what it found and prints its summary marked "interrupted", and the process exits
/// 130 (SIGINT) or 143 (SIGTERM), as a shell reports a process killed by them. A verb that
/// cannot, or a second signal, gets the default: the process ends at once.
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>128 + the signal number, the shell's convention.</summary>
    public const int SigIntExitCode = 130;

    public const int SigTermExitCode = 143;

    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public CancellationToken Token => _source.Token;

    public bool Requested => _source.IsCancellationRequested;

    /// <summary>The exit code of the signal that interrupted the run; meaningful once <see cref="Requested"/>.</summary>
    public int ExitCode { get; private set; }

    /// <summary>"SIGINT" or "SIGTERM", for the summary line.</summary>
    public string SignalName { get; private set; } = "";

    /// <summary>Set by a verb that checks <see cref="Token"/> and can stop cleanly.</summary>
    public bool Graceful { get; set; }

    /// <summary>Handles SIGINT and SIGTERM of this process (the real program only; in-process tests do not).</summary>
    public static Interruption ForProcess()
    {
        var interruption = new Interruption();
        interruption.Listen(PosixSignal.SIGINT, "SIGINT", SigIntExitCode);
        interruption.Listen(PosixSignal.SIGTERM, "SIGTERM", SigTermExitCode);
        return interruption;
    }

    /// <summary>What a signal does; also the way tests interrupt a run without one.</summary>
    public bool Request(string signal, int exitCode)
    {
        if (!Graceful || Requested) return false;
        SignalName = signal;
        ExitCode = exitCode;
        _source.Cancel();
        return true;
    }

    public void Dispose()
    {
        _registrations.ForEach(r => r.Dispose());
        _source.Dispose();
    }

    private void Listen(PosixSignal signal, string name, int exitCode) =>
        // Cancel = true keeps the process alive to finish; false (not graceful, or a second signal) lets the default end it.
        _registrations.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = Request(name, exitCode)));
}
