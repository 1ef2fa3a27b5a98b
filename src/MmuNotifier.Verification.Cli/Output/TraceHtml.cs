// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.IO;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Engine.Traces.Html;

namespace MmuNotifier.Verification.Cli.Output;

/// <summary>Writes the trace viewer's page for one run (`replay --html`, `test --html`).</summary>
internal static class TraceHtml
{
    public static void Write(string path, Trace trace, IReadOnlyList<StepRecord> steps, Bug? bug) =>
        AtomicFile.WriteAllText(path, TraceHtmlPage.Render(trace, steps, bug));
}
