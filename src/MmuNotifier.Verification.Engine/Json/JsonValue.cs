// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;

namespace MmuNotifier.Verification.Engine.Json;

/// <summary>
/// A parsed JSON value that knows where it is: its file, line, column and JSONPath-style path.
/// Readers of a format walk the tree and ask for typed values (<see cref="String"/>,
/// <see cref="Integer"/>, <see cref="Object"/> ...); each mismatch is a
/// <see cref="JsonFormatException"/> pointing at the value, in one message shape for every format.
/// </summary>
public sealed partial class JsonValue
{
    private readonly JsonSource _source;
    private readonly long _offset;
    private readonly string? _text;

    private JsonValue(JsonSource source, long offset, string path, JsonValueKind kind, string? text = null,
        IReadOnlyList<KeyValuePair<string, JsonValue>>? members = null, IReadOnlyList<JsonValue>? items = null)
    {
        _source = source;
        _offset = offset;
        Path = path;
        Kind = kind;
        _text = text;
        Members = members ?? [];
        Items = items ?? [];
    }

    /// <summary>Parses <paramref name="utf8"/>; <paramref name="file"/> names it in error messages.</summary>
    /// <exception cref="JsonFormatException">The text is not JSON (or not UTF-8, or gives a field twice).</exception>
    public static JsonValue Parse(ReadOnlyMemory<byte> utf8, string file, JsonSyntax syntax = JsonSyntax.Strict) =>
        JsonTreeBuilder.Build(utf8, file, syntax);

    public JsonValueKind Kind { get; }

    /// <summary>JSONPath-style place, e.g. <c>$.threads[1].ops[0].page</c>.</summary>
    public string Path { get; }

    public string File => _source.File;

    /// <summary>1-based line the value starts on.</summary>
    public long Line => _source.LineOf(_offset);

    /// <summary>1-based character column the value starts at.</summary>
    public long Column => _source.ColumnOf(_offset);

    /// <summary>The members of an object, in file order (empty for other kinds).</summary>
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; }

    /// <summary>The items of an array (empty for other kinds).</summary>
    public IReadOnlyList<JsonValue> Items { get; }

    /// <summary>The member called <paramref name="name"/> of an object, or null when absent.</summary>
    public JsonValue? this[string name]
    {
        get
        {
            foreach (var member in Members)
                if (member.Key == name) return member.Value;
            return null;
        }
    }

    /// <summary>The error "at this value, <paramref name="expected"/>"; <paramref name="path"/> can name a place inside it.</summary>
    public JsonFormatException Error(string expected, string? path = null) =>
        _source.Error(_offset, path ?? Path, expected);

    /// <summary>The value as messages show it after "found": <c>string "x"</c>, <c>number 5</c>, <c>an array</c>.</summary>
    public string Describe() => Kind switch
    {
        JsonValueKind.String => $"string \"{Truncate(_text!)}\"",
        JsonValueKind.Number => $"number {_text}",
        JsonValueKind.True => "boolean true",
        JsonValueKind.False => "boolean false",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>A string (its text), a number (its raw token), true, false or null.</summary>
    internal static JsonValue NewScalar(JsonSource source, long offset, string path, JsonValueKind kind, string? text) =>
        new(source, offset, path, kind, text);

    internal static JsonValue NewObject(JsonSource source, long offset, string path, IReadOnlyList<KeyValuePair<string, JsonValue>> members) =>
        new(source, offset, path, JsonValueKind.Object, members: members);

    internal static JsonValue NewArray(JsonSource source, long offset, string path, IReadOnlyList<JsonValue> items) =>
        new(source, offset, path, JsonValueKind.Array, items: items);

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
