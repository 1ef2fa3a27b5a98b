// SPDX-License-Identifier: GPL-2.0-only
using Spectre.Console;

namespace MmuNotifier.Verification.Cli;

/// <summary>Where a command writes: plain writers for text that must not be reflowed (interleavings, JSON) and a Spectre console over the same writer for tables and progress.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, IAnsiConsole console, bool interactive, Interruption interruption)
{
    public TextWriter Out { get; } = output;

    public TextWriter Err { get; } = error;

    public IAnsiConsole Console { get; } = console;

    /// <summary>A person is watching a terminal: live progress and colour are welcome.</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>Ctrl-C / SIGTERM of this run; a verb that stops cleanly sets <see cref="Interruption.Graceful"/>.</summary>
    public Interruption Interruption { get; } = interruption;
}
