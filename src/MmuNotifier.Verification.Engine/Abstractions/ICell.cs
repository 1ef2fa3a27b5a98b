// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// A shared memory location touched by more than one thread. Every access is a scheduling point,
/// including the ones made under a lock: a lockless reader must be able to observe the value in
/// the middle of someone else's critical section (design.md §3, soundness rule).
/// </summary>
public interface ICell<T>
{
    string Name { get; }

    /// <summary>Plain access, for paths that hold the protecting lock.</summary>
    ValueTask<T> Read();

    ValueTask Write(T value);

    ValueTask<T> ReadOnce();

    ValueTask WriteOnce(T value);

    ValueTask<T> LoadAcquire();

    ValueTask StoreRelease(T value);

    /// <summary>
    /// The current value without a scheduling point: only for wait_event conditions (evaluated
    /// atomically by the runtime), monitors and rendering — never for model logic.
    /// </summary>
    T Peek();
}
