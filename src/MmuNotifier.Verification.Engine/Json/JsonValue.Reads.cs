// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Text.Json;

namespace MmuNotifier.Verification.Engine.Json;

/// <summary>
/// Typed reads: each returns the value as the format needs it or throws the one error shape,
/// "expected WHAT, found WHAT-IS-THERE", at this value's line and path.
/// </summary>
public sealed partial class JsonValue
{
    /// <summary>The raw token of a number (for formats that read it their own way), else null.</summary>
    public string? NumberText => Kind == JsonValueKind.Number ? _text : null;

    /// <summary>Requires an object; with <paramref name="known"/>, also that it has no other fields (a typo must not be ignored).</summary>
    public JsonValue AsObject(IReadOnlyCollection<string>? known = null)
    {
        if (Kind != JsonValueKind.Object) throw Error($"expected an object, found {Describe()}");
        if (known is not null) RejectUnknown(known);
        return this;
    }

    /// <summary>Requires every field of this object to be one of <paramref name="known"/>.</summary>
    public void RejectUnknown(IReadOnlyCollection<string> known)
    {
        foreach (var (name, value) in Members)
        {
            if (!known.Contains(name))
                throw value.Error($"unknown field '{name}'; expected one of: {string.Join(", ", known)}");
        }
    }

    /// <summary>The member <paramref name="name"/> of this object; its absence is reported at the object's line.</summary>
    public JsonValue Required(string name) =>
        this[name] ?? throw Error($"missing required field '{name}'", JsonPath.Member(Path, name));

    public IReadOnlyList<JsonValue> AsArray() =>
        Kind == JsonValueKind.Array ? Items : throw Error($"expected an array, found {Describe()}");

    public string AsString() =>
        Kind == JsonValueKind.String ? _text! : throw Error($"expected a string, found {Describe()}");

    public string AsNonEmptyString() =>
        AsString() is { Length: > 0 } text ? text : throw Error("expected a non-empty string");

    public string? AsStringOrNull() => Kind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => _text,
        _ => throw Error($"expected a string or null, found {Describe()}"),
    };

    public bool AsBool() => Kind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error($"expected true or false, found {Describe()}"),
    };

    /// <summary>An integer (no fraction, no exponent) in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long AsInteger(long min = long.MinValue, long max = long.MaxValue)
    {
        if (Kind != JsonValueKind.Number || !long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Error($"expected an integer, found {Describe()}");
        if (value < min || value > max) throw Error($"expected an integer in [{min}, {max}], found {value}");
        return value;
    }

    public int AsInt32(int min = int.MinValue, int max = int.MaxValue) => (int)AsInteger(min, max);

    /// <summary>
    /// A finite number in [<paramref name="min"/>, <paramref name="max"/>], fraction and exponent
    /// allowed. JSON has no NaN or infinity, but a literal past double's range (1e400) parses as
    /// one, and a huge finite one (1e308) overflows whatever the reader turns it into (a TimeSpan).
    /// </summary>
    public double AsNumber(double min, double max)
    {
        if (Kind != JsonValueKind.Number || !double.TryParse(_text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Error($"expected a number, found {Describe()}");
        if (value < min || value > max)
            throw Error(string.Create(CultureInfo.InvariantCulture, $"expected a number in [{min:R}, {max:R}], found {_text}"));
        return value;
    }

    public ulong AsUInt64() =>
        Kind == JsonValueKind.Number && ulong.TryParse(_text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"expected an unsigned 64-bit integer, found {Describe()}");

    /// <summary>One of <paramref name="allowed"/>, spelled exactly.</summary>
    public string AsOneOf(IReadOnlyCollection<string> allowed)
    {
        var text = AsString();
        return allowed.Contains(text, StringComparer.Ordinal) ? text : throw Error($"expected one of {string.Join(", ", allowed)}, found {Describe()}");
    }

    /// <summary>An enum member by name, ignoring case; numbers are not a second spelling.</summary>
    public TEnum AsEnum<TEnum>()
        where TEnum : struct, Enum
    {
        var text = AsString();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase)) return candidate;
        }

        throw Error($"expected one of {string.Join(", ", Enum.GetNames<TEnum>())}, found {Describe()}");
    }
}
