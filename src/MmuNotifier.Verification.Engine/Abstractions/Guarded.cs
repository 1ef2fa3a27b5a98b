// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// A field that is only ever touched under one lock: a plain field, not a scheduling point, that
/// checks on every access that the lock is held (lockdep_assert_held), so the claim stays honest.
/// If any path touches it without the lock it must be an <see cref="ICell{T}"/> instead.
/// </summary>
public sealed class Guarded<T>
{
    private readonly Action _assertHeld;
    private T _value;

    public Guarded(ISpinLock guard, T initial)
    {
        _assertHeld = guard.AssertHeld;
        _value = initial;
    }

    public Guarded(IMutex guard, T initial)
    {
        _assertHeld = guard.AssertHeld;
        _value = initial;
    }

    public T Value
    {
        get
        {
            _assertHeld();
            return _value;
        }
        set
        {
            _assertHeld();
            _value = value;
        }
    }

    /// <summary>The value without the lock check: monitors and rendering only.</summary>
    public T Peek() => _value;
}
