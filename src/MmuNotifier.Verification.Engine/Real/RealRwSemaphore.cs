// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

// Models struct rw_semaphore: many readers or one writer, down_* may sleep, and a waiting writer holds off new readers (so a recursive down_read can deadlock, as in the kernel).
/// <remarks>
/// Our own monitor-based lock rather than ReaderWriterLockSlim: the kernel lets up_read run on
/// another thread than down_read (up_read_non_owner), which ReaderWriterLockSlim refuses, and we
/// need holders by logical thread for lockdep-style assertions.
/// </remarks>
internal sealed class RealRwSemaphore(RealRuntime runtime, string name, ILifetime? owner) : IRwSemaphore
{
    private readonly object _sync = new();
    private readonly Dictionary<RealThread, int> _readHolders = [];
    private RealThread? _writer;
    private int _readers;
    private int _writersWaiting;

    public string Name { get; } = name;

    private bool CanRead => _writer is null && _writersWaiting == 0;

    private bool CanWrite => _writer is null && _readers == 0;

    public ValueTask DownRead()
    {
        var self = runtime.Enter(owner, Name, "down_read");
        runtime.MightSleep($"down_read({Name})");
        lock (_sync)
        {
            Lockdep.CheckNotHeld(runtime, _writer == self, "down_read", Name, "while holding it for write");
            if (!CanRead)
                runtime.BlockUntil(self, _sync, () => CanRead, $"down_read({Name}) {Holders()}");
            AddReader(self);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryDownRead()
    {
        var self = runtime.Enter(owner, Name, "down_read_trylock");
        lock (_sync)
        {
            // Like the kernel's trylock, it also fails when a writer is queued.
            if (!CanRead) return ValueTask.FromResult(false);
            AddReader(self);
        }

        return ValueTask.FromResult(true);
    }

    public ValueTask UpRead()
    {
        var self = runtime.Enter(owner, Name, "up_read");
        lock (_sync)
        {
            // Releasing another thread's read hold is legal (up_read_non_owner): only no reader at all is a bug.
            if (_readers == 0)
                Lockdep.CheckHeldForRelease(runtime, held: false, "up_read", Name, Holders());
            _readers--;
            // Releasing another thread's read hold is legal (up_read_non_owner): forget one of theirs.
            var holder = _readHolders.ContainsKey(self) ? self : _readHolders.Keys.First();
            if (--_readHolders[holder] == 0) _readHolders.Remove(holder);
            runtime.WakeAll(_sync);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DownWrite()
    {
        var self = runtime.Enter(owner, Name, "down_write");
        runtime.MightSleep($"down_write({Name})");
        lock (_sync)
        {
            Lockdep.CheckNotHeld(runtime, _writer == self || _readHolders.ContainsKey(self), "down_write", Name);
            if (!CanWrite)
            {
                _writersWaiting++;
                try
                {
                    runtime.BlockUntil(self, _sync, () => CanWrite, $"down_write({Name}) {Holders()}");
                }
                finally
                {
                    _writersWaiting--;
                }
            }

            _writer = self;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryDownWrite()
    {
        var self = runtime.Enter(owner, Name, "down_write_trylock");
        lock (_sync)
        {
            // The kernel's trylock fails while writers are queued, even in the instant the count is free.
            if (!CanWrite || _writersWaiting > 0) return ValueTask.FromResult(false);
            _writer = self;
        }

        return ValueTask.FromResult(true);
    }

    public ValueTask UpWrite()
    {
        var self = runtime.Enter(owner, Name, "up_write");
        lock (_sync)
        {
            if (_writer != self)
                Lockdep.CheckHeldForRelease(runtime, held: false, "up_write", Name, Holders());
            _writer = null;
            runtime.WakeAll(_sync);
        }

        return ValueTask.CompletedTask;
    }

    public void AssertHeld()
    {
        if (owner is { IsFreed: true }) owner.CheckAlive($"lockdep_assert_held({Name})");
        var self = runtime.CurrentThread();
        bool held;
        lock (_sync) held = _writer == self || _readHolders.ContainsKey(self);
        Lockdep.CheckAssertHeld(runtime, held, "lockdep_assert_held", Name);
    }

    public void AssertWriteHeld()
    {
        if (owner is { IsFreed: true }) owner.CheckAlive($"lockdep_assert_held_write({Name})");
        Lockdep.CheckAssertHeld(runtime, Volatile.Read(ref _writer) == runtime.CurrentThread(), "lockdep_assert_held_write", Name);
    }

    private void AddReader(RealThread self)
    {
        _readers++;
        _readHolders[self] = _readHolders.GetValueOrDefault(self) + 1;
    }

    /// <summary>Caller holds _sync.</summary>
    private string Holders() =>
        _writer is not null ? $"held for write by {_writer.Name}"
        : _readHolders.Count == 0 ? $"held by nobody{WritersWaiting()}"
        : $"held for read by {string.Join("+", _readHolders.Keys)}{WritersWaiting()}";

    private string WritersWaiting() => _writersWaiting == 0 ? "" : $", {_writersWaiting} writer(s) waiting";
}
