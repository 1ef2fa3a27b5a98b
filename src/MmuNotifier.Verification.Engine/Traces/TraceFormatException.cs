// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// A trace file that cannot be loaded. The message is one line meant for a person: which file,
/// where in it (a JSON path such as <c>$.bug.kind</c>, or a line and column for broken JSON) and
/// what was expected there, so the CLI can print it as is, without a stack trace.
/// </summary>
public sealed class TraceFormatException : Exception
{
    public TraceFormatException(string file, string place, string problem, Exception? inner = null)
        : base(place.Length == 0 ? $"{file}: {problem}" : $"{file}: at {place}: {problem}", inner)
    {
        File = file;
        Place = place;
        Problem = problem;
    }

    /// <summary>The file (or source name) that was being read.</summary>
    public string File { get; }

    /// <summary>A JSON path (<c>$.subject.name</c>), "line L, column C", or empty when the whole file is at fault.</summary>
    public string Place { get; }

    /// <summary>What was wrong, phrased as what was expected.</summary>
    public string Problem { get; }
}
