// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests.Html;

/// <summary>What every HTML file the tool writes must satisfy: a whole document that fetches nothing.</summary>
internal static class SelfContained
{
    public static void Check(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.EndsWith("</html>\n", html);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?\s*(https?:|//)", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
    }
}
