// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Traces.Html;

/// <summary>The style and script every page inlines (embedded resources next to this file), so a page needs no network.</summary>
public static class HtmlAssets
{
    public static string ViewerCss { get; } = Read("viewer.css");

    public static string ViewerJs { get; } = Read("viewer.js");

    private static string Read(string name)
    {
        var assembly = typeof(HtmlAssets).Assembly;
        using var stream = assembly.GetManifestResourceStream($"MmuNotifier.Verification.Engine.Traces.Html.{name}")
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
