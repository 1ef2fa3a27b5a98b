// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

/// <summary>
/// What the real spinlock and mutex share: one owner, self-deadlock and foreign-unlock checks,
/// lockdep_assert_held. Waiters block on a monitor (a real spin would starve the holder on two
/// cores); what differs is sleeping, which the subclasses add.
/// </summary>
internal abstract class RealExclusiveLock(RealRuntime runtime, string name, ILifetime? owner, LockNames names)
{
    private readonly object _sync = new();
    private volatile RealThread? _holder;

    protected RealRuntime Runtime { get; } = runtime;

    public string Name { get; } = name;

    public bool IsHeldByCurrentThread => _holder == Runtime.CurrentThread();

    public bool IsLocked => _holder is not null;

    public ValueTask Lock()
    {
        var self = Runtime.Enter(owner, Name, names.Lock);
        BeforeLock();
        Lockdep.CheckNotHeld(Runtime, _holder == self, names.Lock, Name);
        lock (_sync)
        {
            if (_holder is not null)
                Runtime.BlockUntil(self, _sync, () => _holder is null, $"{names.Lock}({Name}) held by {_holder?.Name}");
            _holder = self;
        }

        OnHeld(self, held: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryLock()
    {
        var self = Runtime.Enter(owner, Name, names.TryLock);
        lock (_sync)
        {
            if (_holder is not null) return ValueTask.FromResult(false);
            _holder = self;
        }

        OnHeld(self, held: true);
        return ValueTask.FromResult(true);
    }

    public ValueTask Unlock()
    {
        var self = Runtime.Enter(owner, Name, names.Unlock);
        lock (_sync)
        {
            if (_holder != self)
                Lockdep.CheckHeldForRelease(Runtime, held: false, names.Unlock, Name, Lockdep.HeldBy(_holder?.Name));
            _holder = null;
            Runtime.WakeAll(_sync);
        }

        OnHeld(self, held: false);
        return ValueTask.CompletedTask;
    }

    public void AssertHeld()
    {
        if (owner is { IsFreed: true }) owner.CheckAlive($"lockdep_assert_held({Name})");
        Lockdep.CheckAssertHeld(Runtime, _holder == Runtime.CurrentThread(), "lockdep_assert_held", Name);
    }

    /// <summary>Checks made before a blocking lock (might_sleep for a mutex).</summary>
    protected virtual void BeforeLock()
    {
    }

    /// <summary>Bookkeeping on the holder (atomic context for a spinlock).</summary>
    protected virtual void OnHeld(RealThread thread, bool held)
    {
    }
}
