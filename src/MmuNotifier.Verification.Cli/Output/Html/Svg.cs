// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Text;
using MmuNotifier.Verification.Engine.Traces.Html;

namespace MmuNotifier.Verification.Cli.Output.Html;

/// <summary>The few SVG elements the charts draw, with invariant-culture numbers and escaped text.</summary>
internal sealed class Svg(double width, double height, string label)
{
    private readonly StringBuilder _body = new();

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public Svg Rect(double x, double y, double w, double h, string fill, string? title = null)
    {
        _body.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(h)}\" fill=\"{fill}\">");
        if (title is not null) _body.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>");
        _body.Append("</rect>\n");
        return this;
    }

    public Svg Line(double x1, double y1, double x2, double y2, string stroke) =>
        Raw($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\"/>\n");

    public Svg Text(double x, double y, string text, string anchor = "start", double size = 12, string fill = "#222") =>
        Raw($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{N(size)}\" fill=\"{fill}\">{HtmlText.Escape(text)}</text>\n");

    private Svg Raw(string element)
    {
        _body.Append(element);
        return this;
    }

    public override string ToString() =>
        $"<svg role=\"img\" aria-label=\"{HtmlText.Escape(label)}\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\">\n<title>{HtmlText.Escape(label)}</title>\n{_body}</svg>";
}
