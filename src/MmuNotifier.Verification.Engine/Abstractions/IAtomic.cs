// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>An atomic_t / refcount: each operation is one indivisible scheduling point.</summary>
public interface IAtomic
{
    string Name { get; }

    ValueTask<long> Read();

    ValueTask Set(long value);

    /// <summary>atomic_add_return: adds and returns the new value.</summary>
    ValueTask<long> AddReturn(long delta);

    /// <summary>atomic_inc_not_zero: increments unless zero; true if it incremented.</summary>
    ValueTask<bool> IncNotZero();

    /// <summary>atomic_dec_and_test: decrements; true if the result is zero.</summary>
    ValueTask<bool> DecAndTest();

    /// <summary>atomic_cmpxchg: returns the old value.</summary>
    ValueTask<long> CompareExchange(long expected, long desired);

    /// <summary>
    /// One read-modify-write (xchg, cmpxchg, atomic_fetch_add/sub/or/and) with an ordering;
    /// returns the old value. For cmpxchg <paramref name="operand"/> is the expected value. The
    /// shorthands are in <see cref="AtomicOps"/>.
    /// </summary>
    ValueTask<long> ReadModifyWrite(AtomicOp op, long operand, long desired = 0, MemoryOrder order = MemoryOrder.SequentiallyConsistent);

    /// <summary>Current value without a scheduling point (monitors, conditions, rendering).</summary>
    long Peek();
}
