// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: an rw_semaphore admits many readers or one writer; down_read/down_write may sleep, and a
// new reader queues behind a waiting writer (the kernel's rwsem is not reader-preferring).
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

/// <summary>
/// Writer fairness as in the kernel: a down_write that finds the semaphore taken is queued, and
/// while a writer is queued every down_read that arrives later waits and down_read_trylock fails,
/// so a thread that takes the read side twice with a writer queued in between deadlocks. A
/// down_write that finds the semaphore free is not queued yet: a reader that gets there first
/// wins, and then the writer is queued behind it.
/// <para>
/// A thread arrives where it parks at its down_read or down_write. A reader that arrived before a
/// writer was queued is not behind it: both were waiting when the semaphore was taken (the kernel
/// queues them in an order of arrival the model does not fix), or the reader came while nobody
/// waited; whichever gets the semaphore first once it is free, the kernel allows.
/// </para>
/// </summary>
internal sealed class ControlledRwSemaphore(ControlledRuntime runtime, string name, ControlledLifetime? owner, LockClass lockClass)
    : ControlledPrimitive(runtime, name, owner), IRwSemaphore
{
    // Might-sleep texts, built once per semaphore rather than at every down.
    private string? _downReadText;
    private string? _downWriteText;
    private readonly List<LogicalThread> _readers = [];
    private readonly List<LogicalThread> _pendingWriters = [];
    /// <summary>Writers waiting in the queue, each with the step it was queued at.</summary>
    private readonly List<(LogicalThread Writer, int Since)> _queuedWriters = [];
    private LogicalThread? _writer;

    private bool IsFree => _writer is null && _readers.Count == 0;

    /// <summary>This semaphore as a new, free one of the next run (<see cref="ControlledRuntime.NewRwSemaphore"/>).</summary>
    internal ControlledRwSemaphore Recycle(string name, ControlledLifetime? owner, LockClass newClass)
    {
        if (!Renew(name, owner)) _downReadText = _downWriteText = null;
        lockClass = newClass;
        _readers.Clear();
        _pendingWriters.Clear();
        _queuedWriters.Clear();
        _writer = null;
        return this;
    }

    public ValueTask DownRead()
    {
        Runtime.MightSleep(_downReadText ??= $"down_read({Name})");
        Lockdep.CheckNotHeld(Runtime, _writer == Runtime.Current, "down_read", Name, "while holding it for write");
        Runtime.LockdepCheckRecursion(this, "down_read", Name);
        Runtime.LockdepBeforeAcquire(lockClass, Name);
        return Runtime.Begin(this, AccessKind.AcquireRead).AsValueTask();
    }

    public ValueTask<bool> TryDownRead() => Runtime.Begin(this, AccessKind.TryAcquireRead).AsBoolTask();

    public ValueTask UpRead()
    {
        if (!_readers.Contains(Runtime.Current))
            Lockdep.CheckHeldForRelease(Runtime, held: false, "up_read", Name, Holders());
        return Runtime.Begin(this, AccessKind.ReleaseRead).AsValueTask();
    }

    public ValueTask DownWrite()
    {
        Runtime.MightSleep(_downWriteText ??= $"down_write({Name})");
        Lockdep.CheckNotHeld(Runtime, _writer == Runtime.Current || _readers.Contains(Runtime.Current), "down_write", Name);
        Runtime.LockdepBeforeAcquire(lockClass, Name);
        var thread = Runtime.Begin(this, AccessKind.Acquire);
        _pendingWriters.Add(thread);
        if (!IsFree) _queuedWriters.Add((thread, Runtime.Steps));
        return thread.AsValueTask();
    }

    public ValueTask<bool> TryDownWrite() => Runtime.Begin(this, AccessKind.TryAcquire).AsBoolTask();

    public ValueTask UpWrite()
    {
        if (_writer != Runtime.Current)
            Lockdep.CheckHeldForRelease(Runtime, held: false, "up_write", Name, Holders());
        return Runtime.Begin(this, AccessKind.Release).AsValueTask();
    }

    public void AssertHeld()
    {
        if (Owner is { IsFreed: true }) Runtime.CheckNotFreed(Owner, $"lockdep_assert_held({Name})");
        Lockdep.CheckAssertHeld(Runtime, _writer == Runtime.Current || _readers.Contains(Runtime.Current), "lockdep_assert_held", Name);
    }

    public void AssertWriteHeld() => Lockdep.CheckAssertHeld(Runtime, _writer == Runtime.Current, "lockdep_assert_held_write", Name);

    /// <summary>A down_write joins the queue where it parks if the semaphore is taken; a down_read's place behind queued writers is fixed where it parks.</summary>
    public override bool DecidesAtPark(AccessKind kind) => kind is AccessKind.Acquire or AccessKind.AcquireRead;

    public override bool IsEnabled(LogicalThread thread, AccessKind kind) => kind switch
    {
        AccessKind.AcquireRead => _writer is null && QueuedAhead(thread) is null,
        AccessKind.Acquire => IsFree,
        _ => true,
    };

    public override bool Execute(LogicalThread thread, AccessKind kind)
    {
        switch (kind)
        {
            case AccessKind.AcquireRead:
                TakeRead(thread);
                break;
            case AccessKind.TryAcquireRead:
                thread.ResultBool = _writer is null && _queuedWriters.Count == 0;
                if (thread.ResultBool) TakeRead(thread);
                break;
            case AccessKind.ReleaseRead:
                _readers.Remove(thread);
                Runtime.LockdepReleased(thread, this);
                break;
            case AccessKind.Acquire:
                _pendingWriters.Remove(thread);
                if (QueuedIndex(thread) is var at and >= 0) _queuedWriters.RemoveAt(at);
                TakeWrite(thread);
                break;
            case AccessKind.TryAcquire:
                thread.ResultBool = IsFree && _queuedWriters.Count == 0;
                if (thread.ResultBool) TakeWrite(thread);
                break;
            default:
                _writer = null;
                Runtime.LockdepReleased(thread, this);
                break;
        }

        return true;
    }

    private void TakeRead(LogicalThread thread)
    {
        _readers.Add(thread);
        Runtime.LockdepAcquired(thread, this, lockClass, Name, read: true);
        QueueWaitingWriters();
    }

    private void TakeWrite(LogicalThread thread)
    {
        _writer = thread;
        Runtime.LockdepAcquired(thread, this, lockClass, Name);
        QueueWaitingWriters();
    }

    /// <summary>The semaphore just got taken: writers that were about to take it now wait in the queue.</summary>
    private void QueueWaitingWriters()
    {
        foreach (var writer in _pendingWriters)
            if (QueuedIndex(writer) < 0) _queuedWriters.Add((writer, Runtime.Steps));
    }

    private int QueuedIndex(LogicalThread writer)
    {
        for (var i = 0; i < _queuedWriters.Count; i++)
            if (_queuedWriters[i].Writer == writer) return i;
        return -1;
    }

    /// <summary>The first queued writer that <paramref name="reader"/>, parked at down_read, arrived behind; null when none.</summary>
    private LogicalThread? QueuedAhead(LogicalThread reader)
    {
        foreach (var (writer, since) in _queuedWriters)
            if (since < reader.ParkedAt) return writer;
        return null;
    }

    public override string DescribeWait(LogicalThread thread, AccessKind kind) =>
        kind == AccessKind.AcquireRead && _writer is null && QueuedAhead(thread) is { } writer
            ? $"{kind.Render()} {Name} {Holders()}, behind queued writer {writer.Name}"
            : $"{kind.Render()} {Name} {Holders()}";

    private string Holders() => _writer is not null
        ? $"held for write by {_writer.Name}"
        : _readers.Count == 0 ? "held by nobody" : $"held for read by {string.Join("+", _readers.Select(r => r.Name))}";

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) =>
        kind is AccessKind.TryAcquire or AccessKind.TryAcquireRead ? (thread.ResultBool ? "-> taken" : "-> busy") : null;
}
