// SPDX-License-Identifier: GPL-2.0-only
using System.Text.RegularExpressions;
using MmuNotifier.Verification.Engine.Traces.Html;

namespace MmuNotifier.Verification.Cli.Tests.Html;

/// <summary>`replay --html FILE` and `test --html DIR` write the trace viewer's page; bad paths are usage errors.</summary>
public sealed class ViewerCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Replay_writes_a_self_contained_page_of_the_committed_trace()
    {
        var page = _dir.File("viewer.html");
        var result = CliRunner.Run("replay", RepositoryFiles.Trace("inv-end-no-wakeup"), "--html", page);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"viewer: {page}", result.Out);
        var html = File.ReadAllText(page);
        SelfContained.Check(html);
        Assert.Contains(TraceHtmlPage.Heading, html);
        Assert.Equal(3, Regex.Matches(html, "<th class=\"lane-head\"").Count);  // main, cpu0, cpu1
        Assert.Contains("mn_itree_inv_end: invalidate_seq 3 -&gt; 4, active 0", html);
        Assert.Contains("<td class=\"fn\">mn_itree_inv_start_range</td>", html);
        Assert.Contains("holds: mm.mmap_lock, mmu_notifier_invalidate_range_start, mm.subscriptions.lock", html);
    }

    [Theory]
    [MemberData(nameof(TraceCorpusTests.Traces), MemberType = typeof(TraceCorpusTests))]
    public void Every_committed_trace_shows_in_the_viewer_with_its_bug_step_highlighted(string file)
    {
        var path = Path.Combine(RepositoryFiles.Root, "traces", file);
        var page = _dir.File("viewer.html");
        var result = CliRunner.Run("replay", path, "--html", page);
        Assert.True(result.ExitCode == 1, result.ToString());

        var html = File.ReadAllText(page);
        SelfContained.Check(html);
        var laneThreads = Regex.Matches(html, "<th class=\"lane-head\" data-thread=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        var stepThreads = Regex.Matches(html, "<tr class=\"step[^\"]*\" id=\"step-\\d+\" data-step=\"\\d+\" data-thread=\"([^\"]*)\"")
            .Select(m => m.Groups[1].Value).Distinct().Order().ToList();
        Assert.Equal(stepThreads, laneThreads.Order().ToList());
        var failing = Assert.Single(Regex.Matches(html, "<tr class=\"step[^\"]*failing[^\"]*\" id=\"step-(\\d+)\""));
        Assert.Equal(Engine.Traces.TraceFile.Load(path).Bug!.Step.ToString(), failing.Groups[1].Value);
    }

    [Fact]
    public void Test_writes_one_page_per_bug_next_to_nothing_else()
    {
        var traces = _dir.File("traces");
        var pages = _dir.File("pages");
        var result = CliRunner.Run("test", "lost-update", "--iterations", "200", "--out", traces, "--html", pages);

        Assert.True(result.ExitCode == 1, result.ToString());
        var written = Directory.GetFiles(pages);
        Assert.Single(written);
        Assert.EndsWith(".html", written[0]);
        Assert.Equal(Path.GetFileNameWithoutExtension(Directory.GetFiles(traces).Single()), Path.GetFileNameWithoutExtension(written[0]));
        Assert.Contains($"viewer: {written[0]}", result.Out);
        SelfContained.Check(File.ReadAllText(written[0]));
    }

    [Fact]
    public void Replay_html_naming_a_directory_is_a_usage_error_before_anything_runs()
    {
        var result = CliRunner.Run("replay", RepositoryFiles.Trace("inv-end-no-wakeup"), "--html", _dir.Path);
        CliRunner.AssertCleanError(result, $"--html {_dir.Path}: expected a file path, but it names a directory");
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Replay_html_under_a_file_is_a_usage_error()
    {
        var file = _dir.File("plain");
        File.WriteAllText(file, "x");
        var result = CliRunner.Run("replay", RepositoryFiles.Trace("inv-end-no-wakeup"), "--html", Path.Combine(file, "v.html"));
        CliRunner.AssertCleanError(result, "expected a directory, but");
    }

    [Fact]
    public void Test_html_naming_a_file_is_a_usage_error()
    {
        var file = _dir.File("plain");
        File.WriteAllText(file, "x");
        var result = CliRunner.Run("test", "lost-update", "--iterations", "10", "--out", _dir.File("t"), "--html", file);
        CliRunner.AssertCleanError(result, $"--html {file}: expected a directory, but {file} is a file");
    }
}
