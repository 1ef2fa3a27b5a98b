// SPDX-License-Identifier: GPL-2.0-only
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Terminal;

/// <summary>
/// Builds the Spectre console over a given writer. Escape codes and live widgets only reach a real
/// terminal: a redirected stream, a test's StringWriter or a CI log (CI=true) gets plain text.
/// </summary>
internal static class ConsoleFactory
{
    /// <summary>Wide enough that summary tables never wrap in logs, where there is no window to fit.</summary>
    private const int PlainWidth = 160;

    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output is StandardOutputWriter named ? named.Inner : output, System.Console.Out) && !System.Console.IsOutputRedirected && !IsCi();

    public static IAnsiConsole Create(TextWriter output, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!interactive) console.Profile.Width = PlainWidth;
        return console;
    }

    private static bool IsCi()
    {
        var ci = Environment.GetEnvironmentVariable("CI");
        return !string.IsNullOrEmpty(ci) && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";
    }
}
