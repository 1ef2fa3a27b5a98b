// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

/// <summary>
/// What the real spinlock and mutex share: one owner, self-deadlock and foreign-unlock checks,
/// lockdep_assert_held. Waiters block on a monitor (a real spin would starve the holder on two
/// cores); what differs is sleeping, which the subclasses add.
/// </summary>
internal abstract class RealExclusiveLock(RealRuntime runtime, string name, ILifetime? owner, string prefix)
{
    private readonly object _sync = new();
    private volatile RealThread? _holder;

    protected RealRuntime Runtime { get; } = runtime;

    public string Name { get; } = name;

    public bool IsHeldByCurrentThread => _holder == Runtime.CurrentThread();

    public bool IsLocked => _holder is not null;

    public ValueTask Lock()
    {
        var self = Runtime.Enter(owner, Name, $"{prefix}_lock");
        BeforeLock();
        if (_holder == self)
            Runtime.Report(BugKind.Deadlock, $"{prefix}_lock({Name}) on {self.Name}, which already holds it: self-deadlock", fatal: true);
        lock (_sync)
        {
            if (_holder is not null)
                Runtime.BlockUntil(self, _sync, () => _holder is null, $"{prefix}_lock({Name}) held by {_holder?.Name}");
            _holder = self;
        }

        OnHeld(self, held: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryLock()
    {
        var self = Runtime.Enter(owner, Name, $"{prefix}_trylock");
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
        var self = Runtime.Enter(owner, Name, $"{prefix}_unlock");
        lock (_sync)
        {
            if (_holder != self)
                Runtime.Report(BugKind.Assertion, $"{prefix}_unlock({Name}) on {self.Name}, which does not hold it (holder: {_holder?.Name ?? "none"})", fatal: true);
            _holder = null;
            System.Threading.Monitor.PulseAll(_sync);
        }

        OnHeld(self, held: false);
        return ValueTask.CompletedTask;
    }

    public void AssertHeld()
    {
        if (owner is { IsFreed: true }) owner.CheckAlive($"lockdep_assert_held({Name})");
        var self = Runtime.CurrentThread();
        if (_holder != self)
            Runtime.Report(BugKind.Assertion, $"lockdep_assert_held({Name}) on {self.Name}, which does not hold it", fatal: true);
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
