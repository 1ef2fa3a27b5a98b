// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Json;

/// <summary>
/// An input file (a trace, a scenario) that cannot be used. The message is one line meant for a
/// person, <c>FILE:LINE: $.path: what was expected</c>, or <c>FILE: what was expected</c> when the
/// file as a whole is at fault (missing, unreadable, too large), so the CLI prints it as is and
/// exits with code 2, without a stack trace.
/// </summary>
public sealed class JsonFormatException : Exception
{
    public JsonFormatException(string file, long line, long column, string path, string expected, Exception? inner = null)
        : base(line > 0 ? $"{file}:{line}: {path}: {expected}" : $"{file}: {expected}", inner)
    {
        File = file;
        Line = line;
        Column = column;
        Path = path;
        Expected = expected;
    }

    /// <summary>The file (or source name) that was being read.</summary>
    public string File { get; }

    /// <summary>1-based line of the offending value (or of the object missing a field); 0 for the file as a whole.</summary>
    public long Line { get; }

    /// <summary>1-based column (in characters) on <see cref="Line"/>; 0 for the file as a whole.</summary>
    public long Column { get; }

    /// <summary>JSONPath-style place, e.g. <c>$.threads[1].ops[0].page</c>; empty for the file as a whole.</summary>
    public string Path { get; }

    /// <summary>What was wrong, phrased as what was expected.</summary>
    public string Expected { get; }

    /// <summary>A problem with the file itself rather than with a place in it.</summary>
    public static JsonFormatException ForFile(string file, string expected, Exception? inner = null) =>
        new(file, 0, 0, "", expected, inner);
}
