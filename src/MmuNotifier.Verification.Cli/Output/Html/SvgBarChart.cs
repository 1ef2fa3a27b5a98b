// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Output.Html;

/// <summary>A horizontal bar chart on a linear axis from zero, one labelled bar per item, its value at its end.</summary>
internal static class SvgBarChart
{
    private const double RowHeight = 22, LabelWidth = 260, PlotWidth = 520, Top = 30;

    public static string Render(string title, string unit, IReadOnlyList<(string Label, double Value)> bars)
    {
        var most = bars.Select(b => b.Value).DefaultIfEmpty(0).Max();
        var scale = most <= 0 ? 0 : PlotWidth / most;
        var svg = new Svg(LabelWidth + PlotWidth + 120, Top + RowHeight * bars.Count + 10, title);
        svg.Text(LabelWidth, Top - 12, $"{unit} (bar length from 0 to {Svg.N(most)})", "start", 12);
        svg.Line(LabelWidth, Top, LabelWidth, Top + RowHeight * bars.Count, "#888");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = Top + RowHeight * i;
            svg.Text(LabelWidth - 8, y + 15, label, "end");
            svg.Rect(LabelWidth, y + 3, Math.Max(1, value * scale), RowHeight - 6, "#5c6bc0", $"{label}: {Svg.N(value)} {unit}");
            svg.Text(LabelWidth + Math.Max(1, value * scale) + 6, y + 15, Svg.N(value), "start", 11);
        }

        return svg.ToString();
    }
}
