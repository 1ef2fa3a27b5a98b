// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests.Snapshots;

/// <summary>Issue 12, item 4: the `list` outputs (samples, scenarios, defects) as snapshots.</summary>
public sealed class ListingSnapshotTests
{
    private static string List(string what)
    {
        var result = CliRunner.Run("list", what);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Out;
    }

    [Fact]
    public void List_samples() => OutputSnapshot.Match(List("samples"));

    [Fact]
    public void List_scenarios() => OutputSnapshot.Match(List("scenarios"));

    [Fact]
    public void List_defects() => OutputSnapshot.Match(List("defects"));
}
