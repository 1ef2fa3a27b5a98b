// SPDX-License-Identifier: GPL-2.0-only
using System.Text.RegularExpressions;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Engine.Traces.Html;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Traces;

/// <summary>The trace viewer's page: lanes, the failing step, both ends of a report, folding, escaping, no network.</summary>
public sealed class TraceHtmlPageTests
{
    private static BugReport First(Func<IRuntime, Task> body, Detectors detectors = Detectors.All)
    {
        var report = Explorer.Explore(TestProgram.Sample("viewer", body),
            new ExplorationOptions { Strategy = "dfs", Iterations = 2000, Detectors = detectors });
        Assert.True(report.FoundBug);
        return report.Bugs[0];
    }

    private static string Page(BugReport found) => TraceHtmlPage.Render(found.Trace, found.Steps, found.Bug);

    private static Trace SomeTrace(Bug? bug) => new()
    {
        Subject = new TraceSubject(TestProgram.SampleKind, "synthetic"),
        Strategy = "dfs",
        Decisions = [],
        Bug = bug,
    };

    private static StepRecord Step(int number, int thread, string target, string? function = null, params string[] notes) =>
        new(number, thread, $"cpu{thread}", AccessKind.WriteOnce, target, "= 1", notes, "none", function);

    [Fact]
    public void A_data_race_links_both_accesses_and_marks_their_rows()
    {
        var found = First(RacePlain.Unlocked);
        var ends = StepReferences.In(found.Bug.Message);
        var html = Page(found);

        Assert.Equal(2, ends.Count);
        foreach (var step in ends)
        {
            Assert.Contains($"<a href=\"#step-{step}\">step {step}</a>", html);
            Assert.Matches($"<tr class=\"step[^\"]* end\" id=\"step-{step}\"", html);
        }
    }

    [Fact]
    public void A_lockdep_chain_links_every_step_it_names()
    {
        var found = First(LockInversion.Inverted);
        var ends = StepReferences.In(found.Bug.Message);
        var html = Page(found);

        Assert.Equal(BugKind.Deadlock, found.Bug.Kind);
        Assert.True(ends.Count >= 2, found.Bug.Message);
        foreach (var step in ends) Assert.Contains($"class=\"step-ref\" href=\"#step-{step}\"", html);
    }

    [Fact]
    public void A_report_that_names_no_step_has_no_ends_line()
    {
        var found = First(LostUpdate.Racy);
        Assert.Empty(StepReferences.In(found.Bug.Message));
        Assert.DoesNotContain("class=\"ends\"", Page(found));
    }

    [Fact]
    public void One_lane_per_thread_and_the_failing_step_highlighted_under_the_Lincheck_heading()
    {
        var found = First(LostUpdate.Racy);
        var html = Page(found);
        var threads = found.Steps.Select(s => s.Thread).Distinct().ToList();

        Assert.Equal(threads.Count, Regex.Matches(html, "<th class=\"lane-head\"").Count);
        Assert.Contains($"<h1>{TraceHtmlPage.Heading}</h1>", html);
        Assert.Single(Regex.Matches(html, "<tr class=\"step[^\"]*failing"));
        Assert.Matches($"<tr class=\"step[^\"]*failing[^\"]*\" id=\"step-{found.Bug.Step}\"", html);
        Assert.Contains(HtmlText.Escape(found.Bug.Message), html);
    }

    [Fact]
    public void A_change_of_thread_is_marked_as_a_context_switch()
    {
        var html = TraceHtmlPage.Render(SomeTrace(null), [Step(1, 1, "x"), Step(2, 1, "y"), Step(3, 2, "x")], null);

        Assert.Matches("<tr class=\"step switch[^\"]*\" id=\"step-3\"", html);
        Assert.Matches("<tr class=\"step\" id=\"step-2\"", html);
    }

    [Fact]
    public void Consecutive_steps_of_one_thread_in_one_function_fold_into_a_run()
    {
        var html = TraceHtmlPage.Render(SomeTrace(null),
            [Step(1, 1, "x", "mn_itree_inv_end"), Step(2, 1, "y", "mn_itree_inv_end"), Step(3, 2, "x", "mn_itree_inv_end"), Step(4, 2, "z")], null);

        Assert.Single(Regex.Matches(html, "<tbody class=\"run\""));
        Assert.Contains("mn_itree_inv_end on cpu1: steps 1\u20132 (2 steps)", html);
    }

    [Fact]
    public void Every_string_from_the_model_is_escaped()
    {
        var hostile = "<script>alert('x')</script> & \"q\"";
        var bug = new Bug(BugKind.Assertion, hostile, 1, "cpu1");
        var html = TraceHtmlPage.Render(SomeTrace(bug), [Step(1, 1, hostile, hostile, hostile) with { Thread = hostile, Detail = hostile, Locks = hostile }], bug);

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("\"q\"", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", html);
        Assert.Single(Regex.Matches(html, "<script>"));  // the viewer's own, inlined
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var html = Page(First(RacePlain.Unlocked));

        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?\s*(https?:|//)", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
    }
}
