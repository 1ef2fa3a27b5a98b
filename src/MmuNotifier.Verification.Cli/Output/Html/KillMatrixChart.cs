// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Bench.Kill;

namespace MmuNotifier.Verification.Cli.Output.Html;

/// <summary>
/// The kill matrix as a heat map: one row per (defect, program), one column per strategy, then
/// (unless skipped) one per detector hunt, each cell coloured by the median schedules to the
/// first finding on a log scale (green: at once, red: the most schedules of the matrix) and
/// labelled with it; grey cells found nothing.
/// </summary>
internal static class KillMatrixChart
{
    private const double RowHeight = 22, CellWidth = 120, Top = 40, LegendHeight = 50;

    /// <summary>Width of one character of the 12px monospace labels, to size the label column.</summary>
    private const double CharWidth = 7.4;

    public static string Render(KillMatrixResult result)
    {
        var strategies = result.Options.Budget.Strategies;
        var detectors = result.Options.DetectorSchedules == 0 ? [] : Engine.Checking.FindingSource.All.Select(s => s.Name).ToList();
        var columns = strategies.Concat(detectors).ToList();
        var most = result.Rows.SelectMany(Cells).Select(c => c.MedianSchedules ?? 0).DefaultIfEmpty(1).Max();
        var decades = Math.Max(1, Math.Ceiling(Math.Log10(Math.Max(most, 10))));
        var labels = result.Rows.Select(Label).ToList();
        var labelWidth = Math.Max(320, labels.Select(l => l.Length).DefaultIfEmpty(0).Max() * CharWidth + 16);
        var width = labelWidth + CellWidth * columns.Count + 10;
        var height = Top + RowHeight * result.Rows.Count + LegendHeight;
        var svg = new Svg(width, height, "kill matrix: median schedules to the first finding, defect by strategy and by detector, log scale");

        for (var c = 0; c < columns.Count; c++)
            svg.Text(labelWidth + CellWidth * (c + 0.5), Top - 12, columns[c], "middle", 13);
        for (var r = 0; r < result.Rows.Count; r++)
        {
            var row = result.Rows[r];
            var y = Top + RowHeight * r;
            svg.Text(labelWidth - 8, y + 15, labels[r], "end");
            foreach (var cell in Cells(row))
            {
                var c = IndexOf(columns, cell.Column);
                if (c < 0) continue;
                var x = labelWidth + CellWidth * c;
                var found = cell is { Found: > 0, MedianSchedules: { } schedules };
                var text = found ? $"{Svg.N(cell.MedianSchedules!.Value)} ({cell.Found}/{cell.Of})" : $"missed (0/{cell.Of})";
                svg.Rect(x + 1, y + 1, CellWidth - 2, RowHeight - 2, found ? Colour(Math.Log10(Math.Max(1, cell.MedianSchedules!.Value)) / decades) : "#d0d0d0",
                    $"{row.Defect} on {row.Program}, {cell.Column}: {text}");
                svg.Text(x + CellWidth / 2, y + 15, text, "middle", 11);
            }
        }

        // The legend: one swatch per decade of the log scale.
        var legendY = Top + RowHeight * result.Rows.Count + 14;
        svg.Text(labelWidth - 8, legendY + 13, "median schedules to first bug (log scale)", "end", 11);
        for (var d = 0; d <= decades; d++)
        {
            var x = labelWidth + d * 70;
            svg.Rect(x, legendY, 68, 18, Colour(d / decades));
            svg.Text(x + 34, legendY + 13, d == 0 ? "1" : $"1e{d}", "middle", 11);
        }

        return svg.ToString();
    }

    /// <summary>A row's strategy cells, then its detector cells, as (column, found, out of, median schedules).</summary>
    private static IEnumerable<(string Column, int Found, int Of, double? MedianSchedules)> Cells(KillRow row) =>
        row.Cells.Select(c => (c.Strategy, c.Found, c.Seeds, c.MedianSchedules))
            .Concat(row.Detectors.Select(d => (d.Detector, d.Found, d.Attempts, d.MedianSchedules)));

    private static string Label(KillRow row) => $"{row.Defect}{(row.MustBeFound ? "" : " (not a bug)")} on {row.Program}";

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }

    /// <summary>Green (0) through yellow to red (1).</summary>
    private static string Colour(double t)
    {
        t = Math.Clamp(t, 0, 1);
        var red = (int)Math.Round(t < 0.5 ? 80 + 350 * t : 255);
        var green = (int)Math.Round(t < 0.5 ? 190 : 190 - 260 * (t - 0.5));
        return $"#{red:x2}{Math.Clamp(green, 0, 255):x2}70";
    }
}
