// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Samples;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>The two renderings of a bug's interleaving: one step per line, and one column per thread.</summary>
public sealed class RenderingTests
{
    private static BugReport UseAfterFree() =>
        Explore.Body(SampleCatalog.Find("srcu-free-before-sync")!.Body, "dfs").Bugs[0];

    [Fact]
    public void LinesShowSetupAsStepZeroAndTheFailingAccessLast()
    {
        var found = UseAfterFree();
        var lines = InterleavingRenderer.Render(found.Steps, found.Bug).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains(lines, l => l.Contains("0  main") && l.Contains("start main"));
        Assert.Contains(lines, l => l.Contains("| spawn reader"));
        var failing = Array.FindLastIndex(lines, l => l.Contains("node.value (freed memory)"));
        Assert.True(failing > 0, "the access to freed memory is not rendered as a step");
        Assert.StartsWith("=> UseAfterFree", lines[^1]);
    }

    [Fact]
    public void ColumnsPutEachStepUnderItsThread()
    {
        var found = UseAfterFree();
        var lines = ColumnRenderer.Render(found.Steps, found.Bug).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[1].Split('|').Select(c => c.Trim()).ToArray();
        var writerColumn = Array.IndexOf(header, "writer");
        var readerColumn = Array.IndexOf(header, "reader");

        Assert.True(writerColumn > 0 && readerColumn > 0, lines[1]);
        var free = lines.Single(l => l.Contains("kfree node")).Split('|');
        Assert.Contains("kfree node", free[writerColumn]);
        var read = lines.Single(l => l.Contains("(freed memory)")).Split('|');
        Assert.Contains("READ_ONCE node.value", read[readerColumn]);
    }
}
