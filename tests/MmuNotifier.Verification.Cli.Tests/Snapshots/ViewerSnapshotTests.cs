// SPDX-License-Identifier: GPL-2.0-only
using System.Text.RegularExpressions;

namespace MmuNotifier.Verification.Cli.Tests.Snapshots;

/// <summary>
/// Issue 12, item 4: the trace viewer's HTML for a committed trace, as `replay --html` writes
/// it, pinned as a snapshot. The inlined style and script are cut out (they are files of their
/// own, Engine/Traces/Html/viewer.css and viewer.js): the snapshot is of the document's markup.
/// </summary>
public sealed partial class ViewerSnapshotTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [GeneratedRegex("(<style>|<script>).*?(</style>|</script>)", RegexOptions.Singleline)]
    private static partial Regex InlinedAsset();

    [Fact]
    public void Viewer_html_remove_no_defer()
    {
        var page = _dir.File("viewer.html");
        var result = CliRunner.Run("replay", RepositoryFiles.Trace("remove-no-defer"), "--html", page);
        Assert.True(result.ExitCode == ExitCodes.BugFound, result.ToString());
        OutputSnapshot.Match(InlinedAsset().Replace(File.ReadAllText(page), "$1…$2"));
    }
}
