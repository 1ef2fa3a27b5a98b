// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.HappensBefore;
using MmuNotifier.Verification.Engine.Primitives;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// A field that is only ever touched under one lock: a plain field, not a scheduling point, that
/// checks on every access that the lock is held (lockdep_assert_held), so the claim stays honest.
/// Under the controlled runtime every access is also a plain access the data-race detector sees,
/// with the thread's lockset and clock. If any path touches it without the lock it must be an
/// <see cref="ICell{T}"/> instead.
/// </summary>
public sealed class Guarded<T>
{
    // Under the controlled runtime the lock itself (a call, and no delegate per field per schedule); otherwise its AssertHeld.
    private readonly ControlledExclusiveLock? _controlledGuard;
    private readonly Action? _assertHeld;
    private readonly ControlledRuntime? _runtime;
    private readonly AccessShadow? _shadow;
    private T _value;

    public Guarded(ISpinLock guard, T initial, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        : this(guard as ControlledExclusiveLock is null ? guard.AssertHeld : null, guard as ControlledExclusiveLock, initial, file, line)
    {
    }

    public Guarded(IMutex guard, T initial, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        : this(guard as ControlledExclusiveLock is null ? guard.AssertHeld : null, guard as ControlledExclusiveLock, initial, file, line)
    {
    }

    private Guarded(Action? assertHeld, ControlledExclusiveLock? controlledGuard, T initial, string file, int line)
    {
        _assertHeld = assertHeld;
        _controlledGuard = controlledGuard;
        _value = initial;
        _runtime = controlledGuard?.Runtime;
        // Only when KCSAN watches the field; its name is found by the field's site, as it is made for every field of every schedule.
        _shadow = _runtime is { KcsanOn: true } ? _runtime.NewShadow(_runtime.GuardedFieldName(file, line, controlledGuard!.Name)) : null;
        if (_shadow is not null) controlledGuard!.Owner?.Owns(_shadow);  // the field lives in its lock's allocation
    }

    public T Value
    {
        get
        {
            AssertHeld();
            if (_shadow is not null) _runtime!.KcsanAccess(_shadow, AccessKind.Read);
            return _value;
        }
        set
        {
            AssertHeld();
            if (_shadow is not null) _runtime!.KcsanAccess(_shadow, AccessKind.Write);
            _value = value;
        }
    }

    private void AssertHeld()
    {
        if (_controlledGuard is not null) _controlledGuard.AssertHeld();
        else _assertHeld!();
    }

    /// <summary>The value without the lock check: monitors and rendering only.</summary>
    public T Peek() => _value;
}
