// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Bench.Kill;
using MmuNotifier.Verification.Cli.Output.Html;
using MmuNotifier.Verification.Models.KillMatrix;

namespace MmuNotifier.Verification.Cli.Tests.Html;

/// <summary>The bench charts escape every label, and draw what the figures say (a missed cell is grey, not coloured).</summary>
public sealed class ChartEscapingTests
{
    private const string Hostile = "<script>x</script>&\"";

    [Fact]
    public void Bar_labels_are_escaped()
    {
        var svg = SvgBarChart.Render(Hostile, "runs/s", [(Hostile, 3)]);

        Assert.DoesNotContain("<script>", svg);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;&amp;&quot;", svg);
    }

    [Fact]
    public void Kill_cells_are_escaped_and_a_missed_cell_is_grey()
    {
        var options = KillMatrixOptions.Default with { Budget = KillMatrixOptions.Default.Budget with { Strategies = ["random", "dfs"] } };
        var row = new KillRow(Hostile, "p", [new KillCell("random", 2, 2, 40, 0.1), new KillCell("dfs", 2, 0, null, null)], null);
        var svg = KillMatrixChart.Render(new KillMatrixResult(options, [row]));

        Assert.DoesNotContain("<script>", svg);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;&amp;&quot; on p", svg);
        Assert.Contains("fill=\"#d0d0d0\"><title>&lt;script&gt;x&lt;/script&gt;&amp;&quot; on p, dfs: missed (0/2)</title>", svg);
        Assert.DoesNotContain("fill=\"#d0d0d0\"><title>&lt;script&gt;x&lt;/script&gt;&amp;&quot; on p, random", svg);
    }
}
