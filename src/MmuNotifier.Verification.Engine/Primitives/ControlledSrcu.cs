// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: synchronize_srcu waits only for readers that were already inside when it was called; call_srcu callbacks run after such a grace period.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal sealed class ControlledSrcu(ControlledRuntime runtime, string name)
    : ControlledPrimitive(runtime, name, owner: null), ISrcu
{
    private readonly List<(int Index, LogicalThread Reader)> _readers = [];
    private readonly List<IThreadHandle> _callbacks = [];
    private int _lastIndex;
    private string? _synchronizeText;
    private string? _barrierText;

    /// <summary>This SRCU domain as a new one of the next run, with no readers or callbacks (<see cref="ControlledRuntime.NewSrcu"/>).</summary>
    internal ControlledSrcu Recycle(string name)
    {
        if (!Renew(name, owner: null)) _synchronizeText = _barrierText = null;
        _readers.Clear();
        _callbacks.Clear();
        _lastIndex = 0;
        return this;
    }

    public bool IsReadLockHeld => _readers.Count > 0 && HasReader(Runtime.Current, index: null);

    // Loops rather than predicates: these run at every scheduling step, and a capturing lambda
    // would allocate a closure and a delegate each time.
    private bool HasReader(LogicalThread? reader, int? index)
    {
        foreach (var r in _readers)
            if ((reader is null || r.Reader == reader) && (index is null || r.Index == index)) return true;
        return false;
    }

    private bool HasReaderUpTo(long lastIndex)
    {
        foreach (var r in _readers)
            if (r.Index <= lastIndex) return true;
        return false;
    }

    public ValueTask<int> ReadLock() => Runtime.Begin(this, AccessKind.SrcuReadLock).AsIntTask();

    public ValueTask ReadUnlock(int index)
    {
        if (_readers.Count == 0 || !HasReader(Runtime.Current, index))
            Lockdep.CheckHeldForRelease(Runtime, held: false, "srcu_read_unlock", $"{Name}, {index}", Lockdep.NoSrcuReadLock);
        var thread = Runtime.Begin(this, AccessKind.SrcuReadUnlock);
        thread.Arg1 = index;
        return thread.AsValueTask();
    }

    public ValueTask Synchronize()
    {
        Runtime.MightSleep(_synchronizeText ??= $"synchronize_srcu({Name})");
        Lockdep.CheckNotHeld(Runtime, IsReadLockHeld, "synchronize_srcu", Name, Lockdep.InsideOwnReadSection);
        return WaitForGracePeriod(_lastIndex);
    }

    /// <summary>The grace period a synchronize or callback waits for: every reader up to <paramref name="lastReader"/> gone.</summary>
    private ValueTask WaitForGracePeriod(int lastReader)
    {
        // Weak memory: the grace period starts with a full barrier, where it picks its readers,
        // so a reader that enters later sees every store made before it (the RCU guarantee).
        if (Runtime.LkmmOn) Runtime.FullFenceInStep(Runtime.Current);
        var thread = Runtime.Begin(this, AccessKind.Synchronize);
        thread.Ticket = lastReader;
        return thread.AsValueTask();
    }

    public ValueTask CallSrcu(string name, Func<Task> callback)
    {
        var thread = Runtime.Begin(this, AccessKind.CallSrcu);
        thread.ArgName = name;
        thread.ArgObject = callback;
        return thread.AsValueTask();
    }

    public ValueTask Barrier()
    {
        Runtime.MightSleep(_barrierText ??= $"srcu_barrier({Name})");
        var thread = Runtime.Begin(this, AccessKind.SrcuBarrier);
        thread.Ticket = _callbacks.Count;
        return thread.AsValueTask();
    }

    /// <summary>A grace period waits for the readers inside when it parks, a barrier for the callbacks queued by then.</summary>
    public override bool DecidesAtPark(AccessKind kind) => kind is AccessKind.Synchronize or AccessKind.SrcuBarrier;

    public override bool IsEnabled(LogicalThread thread, AccessKind kind) => kind switch
    {
        AccessKind.Synchronize => !HasReaderUpTo(thread.Ticket),
        AccessKind.SrcuBarrier => AllCallbacksDone((int)thread.Ticket),
        _ => true,
    };

    private bool AllCallbacksDone(int count)
    {
        for (var i = 0; i < count; i++)
            if (!_callbacks[i].IsCompleted) return false;
        return true;
    }

    public override bool Execute(LogicalThread thread, AccessKind kind)
    {
        switch (kind)
        {
            case AccessKind.SrcuReadLock:
                thread.ResultInt = ++_lastIndex;
                _readers.Add((thread.ResultInt, thread));
                Runtime.LockdepSrcuReadLocked(thread, Name, thread.ResultInt);
                break;
            case AccessKind.SrcuReadUnlock:
                for (var i = _readers.Count - 1; i >= 0; i--)
                    if (_readers[i].Index == thread.Arg1) _readers.RemoveAt(i);
                Runtime.LockdepSrcuReadUnlocked(thread, Name, (int)thread.Arg1);
                break;
            case AccessKind.CallSrcu:
                Queue(thread.ArgName!, (Func<Task>)thread.ArgObject!);
                thread.ArgObject = null;
                break;
        }

        return true;
    }

    /// <summary>srcu_barrier returns after every callback queued before it: their ends happen before its return.</summary>
    internal void JoinCallbackClocks(HappensBefore.VectorClock clock)
    {
        foreach (var callback in _callbacks)
            if (callback.IsCompleted) clock.Join(((LogicalThread)callback).Clock);
    }

    private void Queue(string name, Func<Task> callback)
    {
        var gracePeriodEnd = _lastIndex;
        _callbacks.Add(Runtime.Spawn($"srcu-cb:{name}", async () =>
        {
            await WaitForGracePeriod(gracePeriodEnd);
            using (Runtime.EnterNoSleep($"SRCU callback {name}"))
                await callback();
        }));
    }

    public override string DescribeWait(LogicalThread thread, AccessKind kind) => kind == AccessKind.Synchronize
        ? $"grace period of {Name}, waiting for readers {string.Join(", ", _readers.Where(r => r.Index <= thread.Ticket).Select(r => r.Reader.Name))}"
        : $"srcu_barrier({Name}), callbacks still pending";

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) =>
        kind == AccessKind.SrcuReadLock ? $"-> idx {thread.ResultInt}" : null;
}
