// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Scenarios;

/// <summary>A scenario file that cannot be used. The message reads "file:line: field: what was expected".</summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException(string file, long line, string field, string expected, Exception? inner = null)
        : base($"{file}:{line}: {field}: {expected}", inner)
    {
        File = file;
        Line = line;
        Field = field;
        Expected = expected;
    }

    public string File { get; }

    /// <summary>1-based line of the offending value (or of the object missing a field).</summary>
    public long Line { get; }

    /// <summary>JSON path of the field, e.g. "$.threads[1].ops[0].page".</summary>
    public string Field { get; }

    public string Expected { get; }
}
