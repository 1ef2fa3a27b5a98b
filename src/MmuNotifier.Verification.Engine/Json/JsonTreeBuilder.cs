// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace MmuNotifier.Verification.Engine.Json;

/// <summary>
/// Builds a <see cref="JsonValue"/> tree with Utf8JsonReader, remembering where each value starts
/// (JsonDocument would lose the positions). Everything that makes the text unusable becomes a
/// <see cref="JsonFormatException"/> at its place: broken syntax, bytes that are not UTF-8, a
/// string with a lone surrogate escape, a field given twice.
/// </summary>
internal static class JsonTreeBuilder
{
    /// <summary>Deep enough for any trace or scenario, shallow enough that the recursion below is safe.</summary>
    private const int MaxDepth = 64;

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    public static JsonValue Build(ReadOnlyMemory<byte> utf8, string file, JsonSyntax syntax)
    {
        // A byte-order mark is tolerated (editors add one) but is no part of the text.
        if (utf8.Span.StartsWith(ByteOrderMark)) utf8 = utf8[ByteOrderMark.Length..];
        var source = new JsonSource(file, utf8);
        RequireUtf8(source);
        if (utf8.Span.Trim(" \t\r\n"u8).IsEmpty) throw source.Error(0, JsonPath.Root, "expected a JSON value, but the file is empty");

        var relaxed = syntax == JsonSyntax.CommentsAndTrailingCommas;
        var reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions
        {
            CommentHandling = relaxed ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
            AllowTrailingCommas = relaxed,
            MaxDepth = MaxDepth,
        });
        // A file of comments only is refused by the reader ("does not contain any JSON tokens").
        Next(ref reader, source, JsonPath.Root);
        var root = ReadValue(ref reader, source, JsonPath.Root);
        // The reader itself refuses anything but whitespace and comments after the root value.
        Next(ref reader, source, JsonPath.Root);

        return root;
    }

    private static JsonValue ReadValue(ref Utf8JsonReader reader, JsonSource source, string path)
    {
        var offset = reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var members = new List<KeyValuePair<string, JsonValue>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (Next(ref reader, source, path) && reader.TokenType != JsonTokenType.EndObject)
                {
                    var nameOffset = reader.TokenStartIndex;
                    var name = ReadString(ref reader, source, path);
                    var memberPath = JsonPath.Member(path, name);
                    // A field given twice would silently mean one of the two: refuse it.
                    if (!seen.Add(name)) throw source.Error(nameOffset, memberPath, $"each field once; '{name}' is given twice");
                    Next(ref reader, source, memberPath);
                    members.Add(new(name, ReadValue(ref reader, source, memberPath)));
                }

                return JsonValue.NewObject(source, offset, path, members);
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<JsonValue>();
                while (Next(ref reader, source, path) && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, source, JsonPath.Index(path, items.Count)));
                return JsonValue.NewArray(source, offset, path, items);
            }
            case JsonTokenType.String:
                return JsonValue.NewScalar(source, offset, path, JsonValueKind.String, ReadString(ref reader, source, path));
            case JsonTokenType.Number:
                // The raw token, so it can be read exactly as any integer type later.
                return JsonValue.NewScalar(source, offset, path, JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return JsonValue.NewScalar(source, offset, path, JsonValueKind.True, null);
            case JsonTokenType.False:
                return JsonValue.NewScalar(source, offset, path, JsonValueKind.False, null);
            default:
                return JsonValue.NewScalar(source, offset, path, JsonValueKind.Null, null);
        }
    }

    /// <summary>Reader.Read with its syntax errors turned into ours, at <paramref name="path"/>.</summary>
    private static bool Next(ref Utf8JsonReader reader, JsonSource source, string path)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException e)
        {
            var offset = source.OffsetOf(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw source.Error(offset, path, $"malformed JSON at column {source.ColumnOf(offset)}: {FirstSentences(e.Message)}", e);
        }
    }

    private static string ReadString(ref Utf8JsonReader reader, JsonSource source, string path)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // The bytes are valid UTF-8 (checked up front), so this is an escape such as "\ud800"
            // that encodes half of a UTF-16 pair: no character, so no string.
            throw source.Error(reader.TokenStartIndex, path, "expected a string of Unicode characters, found a lone surrogate escape (\\uD800-\\uDFFF without its pair)", e);
        }
    }

    private static void RequireUtf8(JsonSource source)
    {
        var bytes = source.Utf8.Span;
        if (Utf8.IsValid(bytes)) return;
        var offset = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
            offset += consumed;
        throw source.Error(offset, JsonPath.Root, $"expected UTF-8 text, found the byte 0x{bytes[offset]:X2} at column {source.ColumnOf(offset)}, which is not UTF-8");
    }

    /// <summary>The reader's explanation without its own 0-based position, which ours replaces.</summary>
    private static string FirstSentences(string message)
    {
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }

        return message.TrimEnd('.', ' ');
    }
}
