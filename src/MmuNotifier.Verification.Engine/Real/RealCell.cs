// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Real;

// Models a shared field accessed with READ_ONCE/WRITE_ONCE/smp_load_acquire/smp_store_release: each access is single-copy atomic.
/// <remarks>
/// A tiny lock keeps any T (structs included) untorn and makes every access sequentially consistent,
/// stronger than the kernel's acquire/release: like a stress test on x86, the real runtime never
/// shows a weak-memory reordering.
/// </remarks>
internal sealed class RealCell<T>(RealRuntime runtime, string name, T initial, ILifetime? owner) : ICell<T>
{
    private readonly object _lock = new();
    private T _value = initial;

    public string Name { get; } = name;

    public ValueTask<T> Read() => Load("read");

    public ValueTask Write(T value) => Store("write", value);

    public ValueTask<T> ReadOnce() => Load("READ_ONCE");

    public ValueTask WriteOnce(T value) => Store("WRITE_ONCE", value);

    public ValueTask<T> LoadAcquire() => Load("smp_load_acquire");

    public ValueTask StoreRelease(T value) => Store("smp_store_release", value);

    public T Peek()
    {
        lock (_lock) return _value;
    }

    private ValueTask<T> Load(string operation)
    {
        runtime.Enter(owner, Name, operation);
        lock (_lock) return ValueTask.FromResult(_value);
    }

    private ValueTask Store(string operation, T value)
    {
        runtime.Enter(owner, Name, operation);
        lock (_lock) _value = value;
        return ValueTask.CompletedTask;
    }
}
