// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Reads typed fields out of a parsed JSON object and turns every mismatch into a
/// <see cref="TraceFormatException"/> that names the file, the JSON path and what was expected.
/// Hand-written rather than JsonSerializer so that each error can say precisely what is wrong.
/// </summary>
internal sealed class JsonFieldReader(string file)
{
    public string File { get; } = file;

    public TraceFormatException Error(string path, string problem) => new(File, path, problem);

    public void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Error(path, $"expected an object, found {Describe(element)}");
    }

    /// <summary>Rejects properties the format does not define: a typo must not be silently ignored.</summary>
    public void RejectUnknown(JsonElement obj, string path, IReadOnlyCollection<string> known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name))
                throw Error($"{path}.{property.Name}", $"unknown property '{property.Name}'; expected one of: {string.Join(", ", known)}");
        }
    }

    public JsonElement Required(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value)) throw Error(path, $"missing required property '{name}'");
        return value;
    }

    public string RequiredString(JsonElement obj, string name, string path, bool allowEmpty = false)
    {
        var value = Required(obj, name, path);
        var here = $"{path}.{name}";
        if (value.ValueKind != JsonValueKind.String) throw Error(here, $"expected a string, found {Describe(value)}");
        var text = value.GetString()!;
        if (!allowEmpty && text.Length == 0) throw Error(here, "expected a non-empty string");
        return text;
    }

    public string? OptionalString(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw Error($"{path}.{name}", $"expected a string or null, found {Describe(value)}");
        return value.GetString();
    }

    public long RequiredInteger(JsonElement obj, string name, string path, long min = 0, long max = long.MaxValue)
    {
        var value = Required(obj, name, path);
        var here = $"{path}.{name}";
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            throw Error(here, $"expected an integer, found {Describe(value)}");
        if (number < min || number > max) throw Error(here, $"expected an integer in [{min}, {max}], found {number}");
        return number;
    }

    public ulong RequiredUInt64(JsonElement obj, string name, string path)
    {
        var value = Required(obj, name, path);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetUInt64(out var number))
            throw Error($"{path}.{name}", $"expected an unsigned 64-bit integer, found {Describe(value)}");
        return number;
    }

    public TEnum RequiredEnum<TEnum>(JsonElement obj, string name, string path)
        where TEnum : struct, Enum
    {
        var text = RequiredString(obj, name, path);
        // Names only: Enum.TryParse would also take "3", which would make numbers a second spelling.
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase)) return candidate;
        }

        throw Error($"{path}.{name}", $"expected one of {string.Join(", ", Enum.GetNames<TEnum>())}, found \"{text}\"");
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"string \"{Truncate(element.GetString()!)}\"",
        JsonValueKind.Number => $"number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString(),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
