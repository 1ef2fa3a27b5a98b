// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// What a logical thread is about to do at a scheduling point. Together with the object's
/// name it feeds the rendered trace, the strategies, the determinism check and coverage.
/// </summary>
public enum AccessKind : byte
{
    /// <summary>Plain read of a shared cell (normally under its lock).</summary>
    Read,
    /// <summary>Plain write of a shared cell (normally under its lock).</summary>
    Write,
    ReadOnce,
    WriteOnce,
    LoadAcquire,
    StoreRelease,
    /// <summary>Atomic read-modify-write (atomic_inc, atomic_dec_and_test, cmpxchg ...).</summary>
    AtomicRmw,
    Acquire,
    TryAcquire,
    Release,
    AcquireRead,
    TryAcquireRead,
    ReleaseRead,
    /// <summary>wait_event: evaluate the condition, sleep until woken if it is false.</summary>
    Wait,
    /// <summary>A raw sleep until the next wake-up, with no condition (how lost wake-ups are modelled).</summary>
    Sleep,
    Wake,
    SrcuReadLock,
    SrcuReadUnlock,
    Synchronize,
    CallSrcu,
    SrcuBarrier,
    Choose,
    Join,
    Yield,
    /// <summary>A thread's first segment, up to its first scheduling point (rendering only: it is never a pending access).</summary>
    Spawn,
    Free,
}
