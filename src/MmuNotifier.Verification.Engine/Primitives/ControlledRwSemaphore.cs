// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: an rw_semaphore admits many readers or one writer; down_read/down_write may sleep.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

/// <summary>
/// Readers are not held back by a waiting writer here (the kernel's rwsem does hold them back);
/// a deadlock that needs that fairness rule is therefore not found. Documented limit.
/// </summary>
internal sealed class ControlledRwSemaphore(ControlledRuntime runtime, string name, ControlledLifetime? owner)
    : ControlledPrimitive(runtime, name, owner), IRwSemaphore
{
    private readonly List<LogicalThread> _readers = [];
    private LogicalThread? _writer;

    public ValueTask DownRead()
    {
        Runtime.MightSleep($"down_read({Name})");
        Lockdep.CheckNotHeld(Runtime, _writer == Runtime.Current, "down_read", Name, "while holding it for write");
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
        Runtime.MightSleep($"down_write({Name})");
        Lockdep.CheckNotHeld(Runtime, _writer == Runtime.Current || _readers.Contains(Runtime.Current), "down_write", Name);
        return Runtime.Begin(this, AccessKind.Acquire).AsValueTask();
    }

    public ValueTask<bool> TryDownWrite() => Runtime.Begin(this, AccessKind.TryAcquire).AsBoolTask();

    public ValueTask UpWrite()
    {
        if (_writer != Runtime.Current)
            Lockdep.CheckHeldForRelease(Runtime, held: false, "up_write", Name, Holders());
        return Runtime.Begin(this, AccessKind.Release).AsValueTask();
    }

    public void AssertHeld() =>
        Lockdep.CheckAssertHeld(Runtime, _writer == Runtime.Current || _readers.Contains(Runtime.Current), "lockdep_assert_held", Name);

    public void AssertWriteHeld() => Lockdep.CheckAssertHeld(Runtime, _writer == Runtime.Current, "lockdep_assert_held_write", Name);

    public override bool IsEnabled(LogicalThread thread, AccessKind kind) => kind switch
    {
        AccessKind.AcquireRead => _writer is null,
        AccessKind.Acquire => _writer is null && _readers.Count == 0,
        _ => true,
    };

    public override bool Execute(LogicalThread thread, AccessKind kind)
    {
        switch (kind)
        {
            case AccessKind.AcquireRead:
                _readers.Add(thread);
                break;
            case AccessKind.TryAcquireRead:
                thread.ResultBool = _writer is null;
                if (thread.ResultBool) _readers.Add(thread);
                break;
            case AccessKind.ReleaseRead:
                _readers.Remove(thread);
                break;
            case AccessKind.Acquire:
                _writer = thread;
                break;
            case AccessKind.TryAcquire:
                thread.ResultBool = _writer is null && _readers.Count == 0;
                if (thread.ResultBool) _writer = thread;
                break;
            default:
                _writer = null;
                break;
        }

        return true;
    }

    public override string DescribeWait(LogicalThread thread, AccessKind kind) => $"{kind.Render()} {Name} {Holders()}";

    private string Holders() => _writer is not null
        ? $"held for write by {_writer.Name}"
        : _readers.Count == 0 ? "held by nobody" : $"held for read by {string.Join("+", _readers.Select(r => r.Name))}";

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) =>
        kind is AccessKind.TryAcquire or AccessKind.TryAcquireRead ? (thread.ResultBool ? "-> taken" : "-> busy") : null;
}
