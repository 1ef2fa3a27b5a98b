// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.IO;
using MmuNotifier.Verification.Engine.Traces.Html;

namespace MmuNotifier.Verification.Cli.Output.Html;

/// <summary>
/// The page around the bench charts (`bench kill --html`, `bench scenarios --html`): a title, a
/// line saying how the figures were obtained, then the sections (inline SVG). Self-contained:
/// inline style, no scripts, nothing fetched; every text goes through <see cref="HtmlText"/>.
/// </summary>
internal static class HtmlReport
{
    private const string Style =
        "body{font:14px/1.4 system-ui,\"DejaVu Sans\",sans-serif;margin:16px;color:#1d1d1f}" +
        "h1{font-size:18px}p.how{color:#555}svg text{font-family:\"DejaVu Sans Mono\",monospace}";

    public static void Write(string path, string title, string how, IEnumerable<string> sections)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(HtmlText.Escape(title))
            .Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<h1>").Append(HtmlText.Escape(title))
            .Append("</h1>\n<p class=\"how\">").Append(HtmlText.Escape(how)).Append("</p>\n");
        foreach (var section in sections) html.Append(section).Append('\n');
        html.Append("</body>\n</html>\n");
        AtomicFile.WriteAllText(path, html.ToString());
    }
}
