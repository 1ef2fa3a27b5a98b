// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// For the uncontrolled-nondeterminism check: describes, at every scheduling point, which
/// threads exist, which are enabled and what each is about to do. Two runs of the same schedule
/// must produce the same descriptions; the first difference names the culprit step.
/// </summary>
internal sealed class FingerprintRecorder
{
    private readonly StringBuilder _builder = new();

    public List<string> Points { get; } = [];

    public void Record(ControlledRuntime runtime, List<LogicalThread> threads, ReadOnlySpan<int> enabled)
    {
        _builder.Clear();
        foreach (var thread in threads)
        {
            if (thread.IsCompleted) continue;
            _builder.Append(thread.Name).Append(enabled.Contains(thread.ThreadId) ? "*" : "").Append(':');
            _builder.Append(thread.Target is null ? "-" : $"{thread.Kind.Render()} {thread.Target.Name}#{thread.Target.Id}");
            _builder.Append("; ");
        }

        Points.Add(_builder.ToString());
    }

    /// <summary>The first point at which two recordings differ, or null when they agree.</summary>
    public static string? FirstDifference(FingerprintRecorder first, FingerprintRecorder second)
    {
        var count = Math.Min(first.Points.Count, second.Points.Count);
        for (var i = 0; i < count; i++)
        {
            if (first.Points[i] != second.Points[i])
            {
                return $"uncontrolled nondeterminism at scheduling point {i}: first run [{first.Points[i]}], " +
                       $"second run [{second.Points[i]}]";
            }
        }

        return first.Points.Count == second.Points.Count
            ? null
            : $"uncontrolled nondeterminism: the first run had {first.Points.Count} scheduling points, the second {second.Points.Count}";
    }
}
