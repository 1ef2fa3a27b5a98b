// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Json;

/// <summary>
/// The text being read and its file name: turns byte offsets into 1-based lines and character
/// columns. Columns are computed only when asked for (an error), so a long one-line file costs
/// nothing extra while it parses cleanly.
/// </summary>
internal sealed class JsonSource
{
    private readonly List<int> _lineStarts = [0];

    public JsonSource(string file, ReadOnlyMemory<byte> utf8)
    {
        File = file;
        Utf8 = utf8;
        var span = utf8.Span;
        for (var at = span.IndexOf((byte)'\n'); at >= 0;)
        {
            _lineStarts.Add(at + 1);
            var next = span[(at + 1)..].IndexOf((byte)'\n');
            at = next < 0 ? -1 : at + 1 + next;
        }
    }

    public string File { get; }

    public ReadOnlyMemory<byte> Utf8 { get; }

    public long LineOf(long offset) => LineIndex(offset) + 1;

    public long ColumnOf(long offset)
    {
        var start = _lineStarts[LineIndex(offset)];
        var bytes = Utf8.Span[start..(int)Math.Min(offset, Utf8.Length)];
        var characters = 0;
        // Count UTF-8 lead bytes only, so a column counts characters the way an editor does.
        foreach (var b in bytes)
            if ((b & 0xC0) != 0x80) characters++;
        return characters + 1;
    }

    /// <summary>The offset of a 0-based line and byte position, as System.Text.Json reports them.</summary>
    public long OffsetOf(long lineIndex, long bytePositionInLine) =>
        lineIndex < _lineStarts.Count ? _lineStarts[(int)lineIndex] + bytePositionInLine : Utf8.Length;

    public JsonFormatException Error(long offset, string path, string expected, Exception? inner = null) =>
        new(File, LineOf(offset), ColumnOf(offset), path, expected, inner);

    private int LineIndex(long offset)
    {
        var index = _lineStarts.BinarySearch((int)Math.Min(offset, int.MaxValue));
        return index >= 0 ? index : ~index - 1;
    }
}
