// SPDX-License-Identifier: GPL-2.0-only
using PuppeteerSharp;
using Xunit.Abstractions;

namespace MmuNotifier.Verification.Cli.Tests.Html;

/// <summary>
/// The trace viewer in a real browser: the system's headless Chromium (Debian's `chromium`,
/// which .ci/run installs), driven by PuppeteerSharp without downloading a browser. Checks the
/// DOM after the script ran (lanes, failing step, a note, the message), the keyboard
/// step-through, folding and the thread filter, and keeps a full-page screenshot as a CI artifact
/// (in $CI_ARTIFACTS, else tests/MmuNotifier.Verification.Cli.Tests/artifacts/). Without
/// Chromium the test fails, unless MMU_SKIP_BROWSER_TESTS=1 says to skip it (docs/trace-viewer.md).
/// </summary>
public sealed class ViewerBrowserTests(ITestOutputHelper log) : IDisposable
{
    public const string SkipVariable = "MMU_SKIP_BROWSER_TESTS";
    public const string ChromiumVariable = "MMU_CHROMIUM";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Chromium => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static string ArtifactDirectory => Environment.GetEnvironmentVariable("CI_ARTIFACTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(RepositoryFiles.Root, "tests", "MmuNotifier.Verification.Cli.Tests", "artifacts");

    [Fact]
    public async Task The_viewer_of_a_committed_trace_works_in_headless_chromium()
    {
        if (Environment.GetEnvironmentVariable(SkipVariable) == "1")
        {
            log.WriteLine($"skipped: {SkipVariable}=1");
            return;
        }

        Assert.True(File.Exists(Chromium),
            $"no Chromium at {Chromium}: install Debian's package (apt-get install -y chromium), point {ChromiumVariable} at one, or set {SkipVariable}=1 to skip this test");

        var page = _dir.File("viewer.html");
        var replay = CliRunner.Run("replay", RepositoryFiles.Trace("inv-end-no-wakeup"), "--html", page);
        Assert.True(replay.ExitCode == 1, replay.ToString());

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu"],
        });
        await using var tab = await browser.NewPageAsync();
        await tab.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
        await tab.GoToAsync(new Uri(page).AbsoluteUri);

        // The DOM: one lane per thread, the failing step, a kernel-level note, the message.
        Assert.Equal(3, await tab.EvaluateExpressionAsync<int>("document.querySelectorAll('th.lane-head').length"));
        Assert.Equal("step-62", await tab.EvaluateExpressionAsync<string>("document.querySelector('tr.failing').id"));
        Assert.True(await tab.EvaluateExpressionAsync<bool>(
            "[...document.querySelectorAll('ul.notes li')].some(li => li.textContent === 'mn_itree_inv_end: invalidate_seq 3 -> 4, active 0')"));
        Assert.StartsWith("Deadlock at step 62 on (all): deadlock! blocked threads",
            await tab.EvaluateExpressionAsync<string>("document.getElementById('bug-message').textContent"));

        // Keyboard step-through: j/k move over the rows, f jumps to the failing step.
        const string current = "document.querySelector('tr.current').dataset.step";
        await tab.Keyboard.PressAsync("j");
        await tab.Keyboard.PressAsync("j");
        Assert.Equal("1", await tab.EvaluateExpressionAsync<string>(current));
        await tab.Keyboard.PressAsync("k");
        Assert.Equal("0", await tab.EvaluateExpressionAsync<string>(current));
        await tab.Keyboard.PressAsync("f");
        Assert.Equal("62", await tab.EvaluateExpressionAsync<string>(current));

        // From the top, so the sticky header sits where it belongs in the full-page picture; the failing row stays marked.
        await tab.EvaluateExpressionAsync("window.scrollTo(0, 0)");
        await tab.ScreenshotAsync(Screenshot(), new ScreenshotOptions { FullPage = true });

        // Folding a run hides its steps, and step-through skips them.
        await tab.EvaluateExpressionAsync("document.querySelector('tr.run-head').click()");
        Assert.True(await tab.EvaluateExpressionAsync<bool>(
            "[...document.querySelector('tbody.run').querySelectorAll('tr.step')].every(r => r.offsetParent === null)"));

        // The thread filter leaves only that thread's steps visible.
        await tab.SelectAsync("#filter-thread", "cpu1");
        Assert.True(await tab.EvaluateExpressionAsync<bool>(
            "[...document.querySelectorAll('tr.step')].filter(r => r.offsetParent !== null).every(r => r.dataset.thread === 'cpu1')"));
        Assert.True(await tab.EvaluateExpressionAsync<int>("[...document.querySelectorAll('tr.step')].filter(r => r.offsetParent !== null).length") > 0);
    }

    private string Screenshot()
    {
        Directory.CreateDirectory(ArtifactDirectory);
        var path = Path.Combine(ArtifactDirectory, "trace-viewer-inv-end-no-wakeup.png");
        log.WriteLine($"screenshot: {path}");
        Console.WriteLine($"trace viewer screenshot: {path}");
        return path;
    }
}
