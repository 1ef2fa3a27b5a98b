// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>The read-modify-writes of <see cref="IAtomic.ReadModifyWrite"/>; each returns the old value.</summary>
public enum AtomicOp : byte
{
    /// <summary>xchg: stores the operand.</summary>
    Exchange,
    /// <summary>cmpxchg: stores the desired value if the old one equals the operand.</summary>
    CompareExchange,
    FetchAdd,
    FetchSub,
    FetchOr,
    FetchAnd,
}

/// <summary>
/// The ordering suffix of an atomic (atomic_fetch_add_acquire, xchg_relaxed ...). The
/// controlled runtime is sequentially consistent, so every ordering behaves as the strongest;
/// the ordering is kept for traces and for detectors that reason about happens-before.
/// </summary>
public enum MemoryOrder : byte
{
    Relaxed,
    Acquire,
    Release,
    AcquireRelease,
    SequentiallyConsistent,
}

/// <summary>The kernel-named shorthands over <see cref="IAtomic.ReadModifyWrite"/>.</summary>
public static class AtomicOps
{
    public static ValueTask<long> Exchange(this IAtomic atomic, long value, MemoryOrder order = MemoryOrder.SequentiallyConsistent) =>
        atomic.ReadModifyWrite(AtomicOp.Exchange, value, order: order);

    /// <summary>cmpxchg with an ordering; returns the old value (it succeeded when that equals <paramref name="expected"/>).</summary>
    public static ValueTask<long> CompareExchange(this IAtomic atomic, long expected, long desired, MemoryOrder order) =>
        atomic.ReadModifyWrite(AtomicOp.CompareExchange, expected, desired, order);

    public static ValueTask<long> FetchAdd(this IAtomic atomic, long delta, MemoryOrder order = MemoryOrder.SequentiallyConsistent) =>
        atomic.ReadModifyWrite(AtomicOp.FetchAdd, delta, order: order);

    public static ValueTask<long> FetchSub(this IAtomic atomic, long delta, MemoryOrder order = MemoryOrder.SequentiallyConsistent) =>
        atomic.ReadModifyWrite(AtomicOp.FetchSub, delta, order: order);

    public static ValueTask<long> FetchOr(this IAtomic atomic, long mask, MemoryOrder order = MemoryOrder.SequentiallyConsistent) =>
        atomic.ReadModifyWrite(AtomicOp.FetchOr, mask, order: order);

    public static ValueTask<long> FetchAnd(this IAtomic atomic, long mask, MemoryOrder order = MemoryOrder.SequentiallyConsistent) =>
        atomic.ReadModifyWrite(AtomicOp.FetchAnd, mask, order: order);

    /// <summary>The value <paramref name="op"/> leaves, given the old one (shared by every runtime).</summary>
    public static long Apply(AtomicOp op, long old, long operand, long desired) => op switch
    {
        AtomicOp.Exchange => operand,
        AtomicOp.CompareExchange => old == operand ? desired : old,
        AtomicOp.FetchAdd => old + operand,
        AtomicOp.FetchSub => old - operand,
        AtomicOp.FetchOr => old | operand,
        AtomicOp.FetchAnd => old & operand,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>The kernel spelling: atomic_fetch_add_acquire, xchg_relaxed ... (no suffix for fully ordered).</summary>
    public static string KernelName(AtomicOp op, MemoryOrder order)
    {
        var name = op switch
        {
            AtomicOp.Exchange => "xchg",
            AtomicOp.CompareExchange => "cmpxchg",
            AtomicOp.FetchAdd => "atomic_fetch_add",
            AtomicOp.FetchSub => "atomic_fetch_sub",
            AtomicOp.FetchOr => "atomic_fetch_or",
            _ => "atomic_fetch_and",
        };
        return order switch
        {
            MemoryOrder.Relaxed => name + "_relaxed",
            MemoryOrder.Acquire => name + "_acquire",
            MemoryOrder.Release => name + "_release",
            _ => name,
        };
    }
}
