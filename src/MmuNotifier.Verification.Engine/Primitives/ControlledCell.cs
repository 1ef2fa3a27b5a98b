// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: READ_ONCE/WRITE_ONCE and acquire/release accesses are single indivisible accesses; every one is a scheduling point.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

/// <summary>
/// A shared location. Under sequential consistency the access kinds differ only in how they are
/// rendered and classified; the engine explores every order of them. Under the weak-memory mode
/// the cell also keeps its stores (<see cref="HappensBefore.StoreHistory{T}"/>), and a marked
/// load may read an older one; <c>_value</c> stays the newest.
/// </summary>
internal sealed class ControlledCell<T>(ControlledRuntime runtime, string name, T initial, ControlledLifetime? owner)
    : ControlledPrimitive(runtime, name, owner), ICell<T>, IKeepsStores
{
    private T _value = initial;
    private HappensBefore.StoreHistory<T>? _history = runtime.NewStoreHistory(initial);

    // Looked up once per cell: a generic static of a reference type costs a runtime lookup per access.
    private readonly int _slot = SlotType<T>.Index;

    /// <summary>This cell as a new one of the next run (<see cref="ControlledRuntime.NewCell{T}"/>).</summary>
    internal ControlledCell<T> Recycle(string name, T initial, ControlledLifetime? owner)
    {
        Renew(name, owner);
        _value = initial;
        _history = Runtime.NewStoreHistory(initial);
        return this;
    }

    public ValueTask<T> Read() => Load(AccessKind.Read);

    public ValueTask Write(T value) => Store(AccessKind.Write, value);

    public ValueTask<T> ReadOnce() => Load(AccessKind.ReadOnce);

    public ValueTask WriteOnce(T value) => Store(AccessKind.WriteOnce, value);

    public ValueTask<T> LoadAcquire() => Load(AccessKind.LoadAcquire);

    public ValueTask StoreRelease(T value) => Store(AccessKind.StoreRelease, value);

    public T Peek()
    {
        if (Runtime.IsEvaluatingCondition) Runtime.CheckConditionRead(this);
        return _value;
    }

    private ValueTask<T> Load(AccessKind kind) => Runtime.Begin(this, kind).Slot<T>(_slot).AsValueTask();

    private ValueTask Store(AccessKind kind, T value)
    {
        var thread = Runtime.Begin(this, kind);
        thread.Slot<T>(_slot).Value = value;
        return thread.AsValueTask();
    }

    public override bool Execute(LogicalThread thread, AccessKind kind)
    {
        var slot = thread.Slot<T>(_slot);
        if (_history is not null) return ExecuteWeak(thread, kind, slot);
        if (kind is AccessKind.Read or AccessKind.ReadOnce or AccessKind.LoadAcquire)
        {
            slot.Value = _value;
        }
        else
        {
            _value = slot.Value;
            slot.Value = default!;
        }

        return true;
    }

    private bool ExecuteWeak(LogicalThread thread, AccessKind kind, ResultSlot<T> slot)
    {
        switch (kind)
        {
            case AccessKind.Read:
                slot.Value = Runtime.ReadNewest(_history!, thread, acquire: false);
                break;
            case AccessKind.ReadOnce or AccessKind.LoadAcquire:
                slot.Value = Runtime.ReadStore(_history!, thread, acquire: kind == AccessKind.LoadAcquire);
                break;
            default:
                _value = slot.Value;
                slot.Value = default!;
                Runtime.WriteStore(_history!, thread, _value, release: kind == AccessKind.StoreRelease);
                break;
        }

        return true;
    }

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) =>
        kind is AccessKind.Read or AccessKind.ReadOnce or AccessKind.LoadAcquire
            ? $"-> {Format(thread.Slot<T>(_slot).Value)}"
            : $"= {Format(_value)}";

    private static string Format(T value) => value switch
    {
        null => "NULL",
        bool b => b ? "true" : "false",
        _ => Describe(value),
    };

    /// <summary>An object without its own ToString reads as a pointer to its type (&amp;Node), not as a .NET type name.</summary>
    private static string Describe(object value)
    {
        var text = value.ToString();
        return text is null || text == value.GetType().ToString() ? "&" + value.GetType().Name : text;
    }
}
