// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: each atomic_* operation is one indivisible read-modify-write.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal sealed class ControlledAtomic(ControlledRuntime runtime, string name, long initial, ControlledLifetime? owner)
    : ControlledPrimitive(runtime, name, owner), IAtomic, IKeepsStores
{
    private enum Operation
    {
        Read,
        Set,
        AddReturn,
        IncNotZero,
        DecAndTest,
        CompareExchange,
        ReadModifyWrite,
    }

    private long _value = initial;
    private HappensBefore.StoreHistory<long>? _history = runtime.NewStoreHistory(initial);

    /// <summary>This atomic as a new one of the next run (<see cref="ControlledRuntime.NewAtomic"/>).</summary>
    internal ControlledAtomic Recycle(string name, long initial, ControlledLifetime? owner)
    {
        Renew(name, owner);
        _value = initial;
        _history = Runtime.NewStoreHistory(initial);
        return this;
    }

    public ValueTask<long> Read() => Start(Operation.Read, AccessKind.ReadOnce).AsLongTask();

    public ValueTask Set(long value) => Start(Operation.Set, AccessKind.WriteOnce, value).AsValueTask();

    public ValueTask<long> AddReturn(long delta) => Start(Operation.AddReturn, AccessKind.AtomicRmw, delta).AsLongTask();

    public ValueTask<bool> IncNotZero() => Start(Operation.IncNotZero, AccessKind.AtomicRmw).AsBoolTask();

    public ValueTask<bool> DecAndTest() => Start(Operation.DecAndTest, AccessKind.AtomicRmw).AsBoolTask();

    public ValueTask<long> CompareExchange(long expected, long desired) =>
        Start(Operation.CompareExchange, AccessKind.AtomicRmw, expected, desired).AsLongTask();

    public ValueTask<long> ReadModifyWrite(AtomicOp op, long operand, long desired = 0, MemoryOrder order = MemoryOrder.SequentiallyConsistent)
    {
        var thread = Start(Operation.ReadModifyWrite, KindOf(op), operand, desired);
        thread.Op |= ((int)op << 8) | ((int)order << 16);  // the operation's low byte stays what Execute switches on
        return thread.AsLongTask();
    }

    private static AtomicOp RmwOp(LogicalThread thread) => (AtomicOp)((thread.Op >> 8) & 0xFF);

    private static AccessKind KindOf(AtomicOp op) => op switch
    {
        AtomicOp.Exchange => AccessKind.Exchange,
        AtomicOp.CompareExchange => AccessKind.CompareExchange,
        AtomicOp.FetchAdd => AccessKind.FetchAdd,
        AtomicOp.FetchSub => AccessKind.FetchSub,
        AtomicOp.FetchOr => AccessKind.FetchOr,
        _ => AccessKind.FetchAnd,
    };

    public long Peek()
    {
        if (Runtime.IsEvaluatingCondition) Runtime.CheckConditionRead(this);
        return _value;
    }

    private LogicalThread Start(Operation operation, AccessKind kind, long arg1 = 0, long arg2 = 0)
    {
        var thread = Runtime.Begin(this, kind);
        thread.Op = (int)operation;
        thread.Arg1 = arg1;
        thread.Arg2 = arg2;
        return thread;
    }

    public override bool Execute(LogicalThread thread, AccessKind kind) => _history is null ? ExecuteSc(thread) : ExecuteWeak(thread);

    private bool ExecuteSc(LogicalThread thread)
    {
        thread.ResultLong = _value;
        switch ((Operation)(thread.Op & 0xFF))
        {
            case Operation.Set:
                _value = thread.Arg1;
                break;
            case Operation.AddReturn:
                _value += thread.Arg1;
                thread.ResultLong = _value;
                break;
            case Operation.IncNotZero:
                thread.ResultBool = _value != 0;
                if (thread.ResultBool) _value++;
                break;
            case Operation.DecAndTest:
                _value--;
                thread.ResultBool = _value == 0;
                break;
            case Operation.CompareExchange:
                if (_value == thread.Arg1) _value = thread.Arg2;
                break;
            case Operation.ReadModifyWrite:
                _value = AtomicOps.Apply(RmwOp(thread), _value, thread.Arg1, thread.Arg2);
                break;
        }

        return true;
    }

    /// <summary>
    /// The weak-memory mode: atomic_read may read an older store; atomic_set stores; a
    /// read-modify-write reads the newest store (RMW atomicity) and, by its ordering, acquires
    /// what that store published, publishes its own clock, or is fully ordered (smp_mb on both
    /// sides: the value-returning atomics without an ordering suffix). Its store passes on what
    /// the store it read published (a release sequence).
    /// </summary>
    private bool ExecuteWeak(LogicalThread thread)
    {
        var history = _history!;
        var operation = (Operation)(thread.Op & 0xFF);
        switch (operation)
        {
            case Operation.Read:
                thread.ResultLong = Runtime.ReadStore(history, thread, acquire: false);
                return true;
            case Operation.Set:
                _value = thread.Arg1;
                Runtime.WriteStore(history, thread, _value, release: false);
                return true;
        }

        var order = operation == Operation.ReadModifyWrite ? (MemoryOrder)(thread.Op >> 16) : MemoryOrder.SequentiallyConsistent;
        var full = order == MemoryOrder.SequentiallyConsistent;
        if (full) Runtime.FullFenceInStep(thread);
        var carried = history.NewestPublished;
        var old = Runtime.ReadNewest(history, thread, acquire: order is MemoryOrder.Acquire or MemoryOrder.AcquireRelease);
        ExecuteSc(thread);
        var stores = operation switch
        {
            Operation.IncNotZero => thread.ResultBool,
            Operation.CompareExchange => old == thread.Arg1,
            Operation.ReadModifyWrite => RmwOp(thread) != AtomicOp.CompareExchange || old == thread.Arg1,
            _ => true,
        };
        if (stores) Runtime.WriteStore(history, thread, _value, release: order is not MemoryOrder.Relaxed and not MemoryOrder.Acquire, carried);
        if (full) Runtime.FullFenceInStep(thread);
        return true;
    }

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) => (Operation)(thread.Op & 0xFF) switch
    {
        Operation.Read => $"-> {thread.ResultLong}",
        Operation.Set => $"= {_value}",
        Operation.IncNotZero => thread.ResultBool ? $"inc_not_zero -> {_value}" : "inc_not_zero: was 0",
        Operation.DecAndTest => $"dec_and_test -> {_value}",
        Operation.AddReturn => $"add {thread.Arg1} -> {_value}",
        Operation.ReadModifyWrite =>
            $"{AtomicOps.KernelName(RmwOp(thread), (MemoryOrder)(thread.Op >> 16))} {thread.Arg1}: {thread.ResultLong} -> {_value}",
        _ => $"cmpxchg {thread.Arg1}->{thread.Arg2}: was {thread.ResultLong}",
    };
}
