// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Text;
using MmuNotifier.Verification.Engine.Traces.Html;
using MmuNotifier.Verification.Kernel.Coverage;

namespace MmuNotifier.Verification.Cli.Output.Html;

/// <summary>
/// The coverage section of an HTML report (`test --html DIR --coverage`, `bench kill --html
/// FILE --coverage`): the terminal table of <see cref="CoverageOutput"/> as an HTML table, one row
/// per kernel function (class "fn", data-function its C name), and the one-line total.
/// </summary>
internal static class CoverageHtml
{
    private const string Style =
        "<style>table.coverage{border-collapse:collapse}table.coverage td,table.coverage th{border:1px solid #ccc;padding:2px 6px}" +
        "table.coverage td.n{text-align:right}table.coverage tr.unreached td{color:#a00}</style>";

    public static string Section(PortCoverage coverage)
    {
        var html = new StringBuilder();
        html.Append(Style).Append("\n<section id=\"coverage\">\n<h2>Port coverage</h2>\n<p class=\"summary\">")
            .Append(HtmlText.Escape(CoverageOutput.Summary(coverage))).Append("</p>\n<table class=\"coverage\">\n<tr><th>function</th><th>schedules</th><th>arms</th><th>")
            .Append(HtmlText.Escape(CoverageOutput.MissingHeading)).Append("</th></tr>\n");
        foreach (var f in coverage.Functions)
        {
            html.Append("<tr class=\"fn").Append(f.Schedules == 0 ? " unreached" : "").Append("\" data-function=\"").Append(HtmlText.Escape(f.Name)).Append("\"><td>")
                .Append(HtmlText.Escape(f.Name)).Append("</td><td class=\"n\">").Append(f.Schedules.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\">").Append(HtmlText.Escape(CoverageOutput.Arms(f))).Append("</td><td>")
                .Append(HtmlText.Escape(string.Join(", ", CoverageOutput.Missing(f)))).Append("</td></tr>\n");
        }

        return html.Append("</table>\n</section>").ToString();
    }
}
