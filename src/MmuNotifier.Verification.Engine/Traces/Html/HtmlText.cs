// SPDX-License-Identifier: GPL-2.0-only
using System.Net;

namespace MmuNotifier.Verification.Engine.Traces.Html;

/// <summary>The one escaping rule of the HTML the tool writes: every model-provided string goes through it.</summary>
public static class HtmlText
{
    /// <summary>Escapes text for element content and for double- or single-quoted attribute values.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}
