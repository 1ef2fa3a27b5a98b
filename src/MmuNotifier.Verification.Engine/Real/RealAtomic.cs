// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Real;

// Models atomic_t / refcount_t: every operation is one indivisible read-modify-write (Interlocked).
internal sealed class RealAtomic(RealRuntime runtime, string name, long initial, ILifetime? owner) : IAtomic
{
    private long _value = initial;

    public string Name { get; } = name;

    public long Peek() => Interlocked.Read(ref _value);

    public ValueTask<long> Read()
    {
        runtime.Enter(owner, Name, "atomic_read");
        return ValueTask.FromResult(Interlocked.Read(ref _value));
    }

    public ValueTask Set(long value)
    {
        runtime.Enter(owner, Name, "atomic_set");
        Interlocked.Exchange(ref _value, value);
        return ValueTask.CompletedTask;
    }

    public ValueTask<long> AddReturn(long delta)
    {
        runtime.Enter(owner, Name, "atomic_add_return");
        return ValueTask.FromResult(Interlocked.Add(ref _value, delta));
    }

    public ValueTask<bool> IncNotZero()
    {
        runtime.Enter(owner, Name, "atomic_inc_not_zero");
        long current = Interlocked.Read(ref _value);
        while (current != 0)
        {
            long seen = Interlocked.CompareExchange(ref _value, current + 1, current);
            if (seen == current) return ValueTask.FromResult(true);
            current = seen;
        }

        return ValueTask.FromResult(false);
    }

    public ValueTask<bool> DecAndTest()
    {
        runtime.Enter(owner, Name, "atomic_dec_and_test");
        return ValueTask.FromResult(Interlocked.Decrement(ref _value) == 0);
    }

    public ValueTask<long> CompareExchange(long expected, long desired)
    {
        runtime.Enter(owner, Name, "atomic_cmpxchg");
        return ValueTask.FromResult(Interlocked.CompareExchange(ref _value, desired, expected));
    }

    public ValueTask<long> ReadModifyWrite(AtomicOp op, long operand, long desired = 0, MemoryOrder order = MemoryOrder.SequentiallyConsistent)
    {
        runtime.Enter(owner, Name, AtomicOps.KernelName(op, order));
        // Interlocked is fully ordered, which is at least what every ordering asks.
        var old = op switch
        {
            AtomicOp.Exchange => Interlocked.Exchange(ref _value, operand),
            AtomicOp.CompareExchange => Interlocked.CompareExchange(ref _value, desired, operand),
            AtomicOp.FetchAdd => Interlocked.Add(ref _value, operand) - operand,
            AtomicOp.FetchSub => Interlocked.Add(ref _value, -operand) + operand,
            AtomicOp.FetchOr => Interlocked.Or(ref _value, operand),
            _ => Interlocked.And(ref _value, operand),
        };
        return ValueTask.FromResult(old);
    }
}
