// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.IO;
using MmuNotifier.Verification.Engine.Json;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Saves and loads <see cref="Trace"/>s as versioned, indented JSON (docs/trace-format.md).
/// Loading validates everything and fails with a <see cref="JsonFormatException"/> whose message
/// names the file, the line, the JSON path and what was expected.
/// </summary>
public static class TraceFile
{
    /// <summary>The conventional file name ending of a trace.</summary>
    public const string Extension = ".json";

    /// <summary>The JSON text of <paramref name="trace"/>; identical traces give identical text.</summary>
    public static string ToJson(Trace trace) => TraceJsonWriter.Write(trace);

    /// <summary>Writes <paramref name="trace"/> to <paramref name="path"/> (whole or not at all), creating the directory if needed.</summary>
    public static void Save(Trace trace, string path) =>
        // No byte-order mark: traces are compared byte for byte and read by non-.NET tools.
        AtomicFile.WriteAllText(path, ToJson(trace));

    /// <summary>Reads and validates the trace in <paramref name="path"/>.</summary>
    /// <exception cref="JsonFormatException">The file is missing, unreadable, too large or not a valid trace.</exception>
    public static Trace Load(string path) => TraceJsonReader.Read(JsonFile.ReadBytes(path, "trace"), path);

    /// <summary>Parses trace JSON; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="JsonFormatException">The text is not a valid trace.</exception>
    public static Trace Parse(string json, string source = "<trace>")
    {
        byte[] utf8;
        try
        {
            // Strict: a lone surrogate in the string is refused, not silently replaced by U+FFFD.
            utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetBytes(json);
        }
        catch (EncoderFallbackException e)
        {
            throw JsonFormatException.ForFile(source, $"expected Unicode text, found a lone surrogate at character {e.Index}", e);
        }

        return TraceJsonReader.Read(utf8, source);
    }
}
