// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// What a monitor watches (<see cref="IRuntime.AddMonitor"/>): primitives and allocations, compared
/// by reference. Every object of a run is new, so hashing them would make the runtime compute a
/// fresh identity hash for each; a watch set holds a handful, and a scan of that few is cheaper.
/// The set may grow during a run (a model watches an allocation once it exists).
/// </summary>
public sealed class WatchSet
{
    private object[] _items;
    private int _count;

    public WatchSet(params ReadOnlySpan<object> items)
    {
        _items = new object[Math.Max(4, items.Length)];
        foreach (var item in items) Add(item);
    }

    public int Count => _count;

    public void Add(object item)
    {
        if (Contains(item)) return;
        if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
        _items[_count++] = item;
    }

    public bool Contains(object? item)
    {
        if (item is null) return false;
        for (var i = 0; i < _count; i++)
            if (ReferenceEquals(_items[i], item)) return true;
        return false;
    }
}
