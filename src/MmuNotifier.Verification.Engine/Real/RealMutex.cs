// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

// Models struct mutex: a sleeping lock (might_sleep in mutex_lock, not in mutex_trylock) that only its owner may unlock (CONFIG_DEBUG_MUTEXES).
internal sealed class RealMutex(RealRuntime runtime, string name, ILifetime? owner) : IMutex
{
    private readonly object _sync = new();
    private volatile RealThread? _holder;

    public string Name { get; } = name;

    public bool IsHeldByCurrentThread => _holder == runtime.CurrentThread();

    public ValueTask Lock()
    {
        var self = runtime.Enter(owner, Name, "mutex_lock");
        runtime.MightSleep($"mutex_lock({Name})");
        if (_holder == self)
            runtime.Report(BugKind.Deadlock, $"mutex_lock({Name}) on {self.Name}, which already holds it: self-deadlock", fatal: true);
        lock (_sync)
        {
            if (_holder is not null)
                runtime.BlockUntil(self, _sync, () => _holder is null, $"mutex_lock({Name}) held by {_holder?.Name}");
            _holder = self;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryLock()
    {
        var self = runtime.Enter(owner, Name, "mutex_trylock");
        lock (_sync)
        {
            if (_holder is not null) return ValueTask.FromResult(false);
            _holder = self;
        }

        return ValueTask.FromResult(true);
    }

    public ValueTask Unlock()
    {
        var self = runtime.Enter(owner, Name, "mutex_unlock");
        lock (_sync)
        {
            if (_holder != self)
                runtime.Report(BugKind.Assertion, $"mutex_unlock({Name}) on {self.Name}, which does not own it (owner: {_holder?.Name ?? "none"})", fatal: true);
            _holder = null;
            System.Threading.Monitor.PulseAll(_sync);
        }

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
