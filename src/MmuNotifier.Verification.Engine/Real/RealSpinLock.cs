// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

// Models spinlock_t: one holder at a time, holding it is atomic context (CONFIG_DEBUG_ATOMIC_SLEEP), re-taking it on the same CPU spins forever.
/// <remarks>
/// Waiters block on a monitor instead of spinning: on 2 cores a real spin would starve the holder,
/// and what the kernel rule is about (the waiter cannot sleep, the holder is atomic) is unchanged.
/// </remarks>
internal sealed class RealSpinLock(RealRuntime runtime, string name, ILifetime? owner) : ISpinLock
{
    private readonly object _sync = new();
    private volatile RealThread? _holder;

    public string Name { get; } = name;

    public bool IsHeldByCurrentThread => _holder == runtime.CurrentThread();

    public bool IsLocked => _holder is not null;

    public ValueTask Lock()
    {
        var self = runtime.Enter(owner, Name, "spin_lock");
        if (_holder == self)
            runtime.Report(BugKind.Deadlock, $"spin_lock({Name}) on {self.Name}, which already holds it: self-deadlock", fatal: true);
        lock (_sync)
        {
            if (_holder is not null)
                runtime.BlockUntil(self, _sync, () => _holder is null, $"spin_lock({Name}) held by {_holder?.Name}");
            _holder = self;
        }

        self.HeldSpinLocks.Add(Name);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryLock()
    {
        var self = runtime.Enter(owner, Name, "spin_trylock");
        lock (_sync)
        {
            if (_holder is not null) return ValueTask.FromResult(false);
            _holder = self;
        }

        self.HeldSpinLocks.Add(Name);
        return ValueTask.FromResult(true);
    }

    public ValueTask Unlock()
    {
        var self = runtime.Enter(owner, Name, "spin_unlock");
        lock (_sync)
        {
            if (_holder != self)
                runtime.Report(BugKind.Assertion, $"spin_unlock({Name}) on {self.Name}, which does not hold it (holder: {_holder?.Name ?? "none"})", fatal: true);
            _holder = null;
            System.Threading.Monitor.PulseAll(_sync);
        }

        self.HeldSpinLocks.RemoveAt(self.HeldSpinLocks.LastIndexOf(Name));
        return ValueTask.CompletedTask;
    }

    public void AssertHeld()
    {
        if (owner is { IsFreed: true }) owner.CheckAlive($"lockdep_assert_held({Name})");
        var self = runtime.CurrentThread();
        if (_holder != self)
            runtime.Report(BugKind.Assertion, $"lockdep_assert_held({Name}) on {self.Name}, which does not hold it", fatal: true);
    }
}
