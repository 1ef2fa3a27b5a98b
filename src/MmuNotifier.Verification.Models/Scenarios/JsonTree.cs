// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using System.Text.Json;

namespace MmuNotifier.Verification.Models.Scenarios;

/// <summary>
/// A JSON value with the line it starts on and its path, so that validation errors found after
/// parsing can still point into the file. Built with Utf8JsonReader (comments and trailing
/// commas allowed); JsonDocument would lose the positions.
/// </summary>
internal sealed class JsonTree
{
    private JsonTree(JsonValueKind kind, long line, string path)
    {
        Kind = kind;
        Line = line;
        Path = path;
    }

    public JsonValueKind Kind { get; }

    public long Line { get; }

    public string Path { get; }

    public string? Text { get; private set; }

    /// <summary>The raw token of a number, so it can be read as a 64-bit unsigned value exactly.</summary>
    public string? Raw { get; private set; }

    public List<(string Name, JsonTree Value)> Properties { get; } = [];

    public List<JsonTree> Items { get; } = [];

    public static JsonTree Parse(byte[] utf8, string file)
    {
        var lineStarts = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        try
        {
            if (!reader.Read()) throw new ScenarioFormatException(file, 1, "$", "a JSON object, but the file is empty");
            var root = ReadValue(ref reader, lineStarts, "$", file);
            if (reader.Read()) throw new ScenarioFormatException(file, LineOf(lineStarts, reader.TokenStartIndex), "$", "nothing after the top-level object");
            return root;
        }
        catch (JsonException error)
        {
            var line = (error.LineNumber ?? 0) + 1;
            var path = string.IsNullOrEmpty(error.Path) ? "$" : error.Path;
            throw new ScenarioFormatException(file, line, path, $"valid JSON ({FirstSentence(error.Message)})", error);
        }
    }

    private static JsonTree ReadValue(ref Utf8JsonReader reader, List<long> lineStarts, string path, string file)
    {
        var line = LineOf(lineStarts, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new JsonTree(JsonValueKind.Object, line, path);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    // A field given twice would silently mean one of the two: refuse it.
                    if (node.Properties.Exists(p => p.Name == name))
                        throw new ScenarioFormatException(file, LineOf(lineStarts, reader.TokenStartIndex), $"{path}.{name}", $"each field once; '{name}' is given twice");
                    reader.Read();
                    node.Properties.Add((name, ReadValue(ref reader, lineStarts, $"{path}.{name}", file)));
                }

                return node;
            }
            case JsonTokenType.StartArray:
            {
                var node = new JsonTree(JsonValueKind.Array, line, path);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    node.Items.Add(ReadValue(ref reader, lineStarts, $"{path}[{node.Items.Count}]", file));
                return node;
            }
            case JsonTokenType.String:
                return new JsonTree(JsonValueKind.String, line, path) { Text = reader.GetString() };
            case JsonTokenType.Number:
                return new JsonTree(JsonValueKind.Number, line, path) { Raw = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
                return new JsonTree(JsonValueKind.True, line, path);
            case JsonTokenType.False:
                return new JsonTree(JsonValueKind.False, line, path);
            default:
                return new JsonTree(JsonValueKind.Null, line, path);
        }
    }

    public JsonTree? this[string name] => Properties.FirstOrDefault(p => p.Name == name).Value;

    private static List<long> LineStarts(byte[] utf8)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
            if (utf8[i] == (byte)'\n') starts.Add(i + 1);
        return starts;
    }

    private static long LineOf(List<long> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
