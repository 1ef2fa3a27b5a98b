// SPDX-License-Identifier: GPL-2.0-only
using Spectre.Console;
using Spectre.Console.Rendering;
using MmuNotifier.Verification.Cli.Terminal;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// Writes tables: with rounded borders on a terminal, as a Markdown table elsewhere (logs, files,
/// tests), without the blank padded lines Spectre puts around a Markdown table.
/// </summary>
internal static class TableWriter
{
    public static Table New(CliContext context) =>
        new Table().Border(context.Interactive ? TableBorder.Rounded : TableBorder.Markdown);

    public static void Write(CliContext context, IRenderable table)
    {
        if (context.Interactive)
        {
            context.Console.Write(table);
            return;
        }

        var buffer = new StringWriter();
        ConsoleFactory.Create(buffer, interactive: false).Write(table);
        foreach (var line in buffer.ToString().Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length > 0) context.Out.WriteLine(trimmed);
        }
    }
}
