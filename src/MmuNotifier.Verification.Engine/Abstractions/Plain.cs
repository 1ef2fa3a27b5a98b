// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.HappensBefore;
using MmuNotifier.Verification.Engine.Primitives;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// An ordinary field of an allocation (a C struct member read and written without READ_ONCE or a
/// lock). Not a scheduling point. Every access is checked as KASAN would: once the owner is freed,
/// touching the field is a use-after-free naming the free. Under the controlled runtime every
/// access is also a plain access the data-race detector sees. <see cref="DataRace"/> is the
/// kernel's <c>data_race()</c>: a read whose race is intended, which KCSAN ignores (KASAN does not).
/// </summary>
public sealed class Plain<T>
{
    private readonly ILifetime _owner;
    private readonly ControlledLifetime? _controlled;
    private readonly AccessShadow? _shadow;
    private readonly string _name;
    private T _value;

    public Plain(ILifetime owner, string name, T initial)
    {
        _owner = owner;
        _name = name;
        _value = initial;
        _controlled = owner as ControlledLifetime;
        _shadow = _controlled?.Runtime.NewShadow(name);
        if (_shadow is not null) _controlled!.Owns(_shadow);
    }

    public T Value
    {
        get
        {
            Kasan.Access(_owner, "plain read", _name);
            if (_shadow is not null) _controlled!.Runtime.KcsanAccess(_shadow, AccessKind.Read);
            return _value;
        }
        set
        {
            Kasan.Access(_owner, "plain write", _name);
            if (_shadow is not null) _controlled!.Runtime.KcsanAccess(_shadow, AccessKind.Write);
            _value = value;
        }
    }

    /// <summary>data_race(field): a racy read on purpose. KCSAN does not see it; freed memory is still a use-after-free.</summary>
    public T DataRace()
    {
        Kasan.Access(_owner, "data_race read", _name);
        return _value;
    }
}
