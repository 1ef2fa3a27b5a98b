// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// The values a monitor without a watch set reads (<see cref="IRuntime.AddMonitor"/>), listed by
/// the monitor after every step. The controlled runtime compares the list with the one after the
/// previous step: a step that left it equal cannot have changed the monitor's verdict, so partial
/// -order reduction need not order it against anything on the monitor's behalf. The list is
/// compared value by value (no hashing), so "equal" is exact.
/// </summary>
public sealed class MonitorReads
{
    private long[] _values = new long[16];
    private int _count;

    public int Count => _count;

    public void Add(long value)
    {
        if (_count == _values.Length) Array.Resize(ref _values, _count * 2);
        _values[_count++] = value;
    }

    public void Add(ulong value) => Add(unchecked((long)value));

    public void Add(bool value) => Add(value ? 1L : 0L);

    internal void Clear() => _count = 0;

    internal bool SameAs(MonitorReads other) =>
        _count == other._count && _values.AsSpan(0, _count).SequenceEqual(other._values.AsSpan(0, _count));
}
