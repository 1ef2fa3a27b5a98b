// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// The name a model gives a primitive or an allocation: a string, or an interpolated string
/// (<c>$"{mm}.mmap_lock"</c>) whose text is kept in the struct itself rather than made into a
/// string. A world builds the same names in every schedule; the controlled runtime looks the text
/// up among the names it has already made (<see cref="IRuntime.Intern"/>) and hands out that one
/// string, so naming a primitive allocates nothing after the first schedule. The other runtimes
/// just make the string.
/// </summary>
[InterpolatedStringHandler]
public struct PrimitiveName
{
    /// <summary>Longest text kept inline; a longer name is made into a string as it is built.</summary>
    public const int InlineLength = 96;

    private string? _string;
    private InlineText _text;
    private int _length;

    public PrimitiveName(int literalLength, int formattedCount)
    {
        _string = null;
        _text = default;
        _length = 0;
    }

    private PrimitiveName(string name)
    {
        _string = name;
        _text = default;
        _length = -1;
    }

    public static implicit operator PrimitiveName(string name) => new(name);

    /// <summary>The name as a string, when it was given as one (or outgrew the inline text).</summary>
    internal readonly string? AsString => _length < 0 ? _string : null;

    /// <summary>The text built so far, when it was given as an interpolated string.</summary>
    [UnscopedRef]
    internal readonly ReadOnlySpan<char> Text => _length < 0 ? default : ((ReadOnlySpan<char>)_text)[.._length];

    public void AppendLiteral(string value) => Append(value);

    public void AppendFormatted(string? value) => Append(value ?? "");

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        // Formatted in place when the value can (numbers, enums); boxing is avoided for value types by the JIT.
        if (value is ISpanFormattable && _length >= 0 &&
            ((ISpanFormattable)value).TryFormat(((Span<char>)_text)[_length..], out var written, format, null))
        {
            _length += written;
            return;
        }

        Append(value is IFormattable formattable ? formattable.ToString(format, null) : value?.ToString() ?? "");
    }

    /// <summary>A piece of text that is not a string of its own (a file name cut out of a path).</summary>
    public void AppendFormatted(scoped ReadOnlySpan<char> value) => Append(value);

    private void Append(scoped ReadOnlySpan<char> value)
    {
        if (_length >= 0 && _length + value.Length <= InlineLength)
        {
            value.CopyTo(((Span<char>)_text)[_length..]);
            _length += value.Length;
            return;
        }

        // Too long to keep inline: from here on the name is a string.
        _string = string.Concat(_length >= 0 ? Text : _string.AsSpan(), value);
        _length = -1;
    }

    /// <summary>The name as a new string (a runtime that keeps no names).</summary>
    public override readonly string ToString() => AsString ?? new string(Text);

    [InlineArray(InlineLength)]
    private struct InlineText
    {
        private char _first;
    }
}
