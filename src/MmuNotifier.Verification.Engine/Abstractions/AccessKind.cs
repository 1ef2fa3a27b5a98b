// SPDX-License-Identifier: GPL-2.0-only
using System.Reflection;

namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// What a logical thread is about to do at a scheduling point. Together with the object's
/// name it feeds the rendered trace, the strategies, the determinism check and coverage.
/// Each kind carries its kernel-flavoured name (<see cref="AccessKindText.Render"/>) right here:
/// adding a kind is one line.
/// </summary>
public enum AccessKind : byte
{
    /// <summary>Plain read of a shared cell (normally under its lock).</summary>
    [Text("read")] Read,
    /// <summary>Plain write of a shared cell (normally under its lock).</summary>
    [Text("write")] Write,
    [Text("READ_ONCE")] ReadOnce,
    [Text("WRITE_ONCE")] WriteOnce,
    [Text("smp_load_acquire")] LoadAcquire,
    [Text("smp_store_release")] StoreRelease,
    /// <summary>Atomic read-modify-write (atomic_inc, atomic_dec_and_test, cmpxchg ...).</summary>
    [Text("atomic")] AtomicRmw,
    [Text("lock")] Acquire,
    [Text("trylock")] TryAcquire,
    [Text("unlock")] Release,
    [Text("down_read")] AcquireRead,
    [Text("down_read_trylock")] TryAcquireRead,
    [Text("up_read")] ReleaseRead,
    /// <summary>wait_event: evaluate the condition, sleep until woken if it is false.</summary>
    [Text("wait_event")] Wait,
    /// <summary>A raw sleep until the next wake-up, with no condition (how lost wake-ups are modelled).</summary>
    [Text("sleep")] Sleep,
    [Text("wake_up_all")] Wake,
    [Text("srcu_read_lock")] SrcuReadLock,
    [Text("srcu_read_unlock")] SrcuReadUnlock,
    [Text("synchronize_srcu")] Synchronize,
    [Text("call_srcu")] CallSrcu,
    [Text("srcu_barrier")] SrcuBarrier,
    [Text("choose")] Choose,
    [Text("join")] Join,
    [Text("yield")] Yield,
    /// <summary>A thread's first segment, up to its first scheduling point (rendering only: it is never a pending access).</summary>
    [Text("start")] Spawn,
    [Text("kfree")] Free,
    [Text("xchg")] Exchange,
    [Text("cmpxchg")] CompareExchange,
    [Text("atomic_fetch_add")] FetchAdd,
    [Text("atomic_fetch_sub")] FetchSub,
    [Text("atomic_fetch_or")] FetchOr,
    [Text("atomic_fetch_and")] FetchAnd,
    /// <summary>Arriving at a barrier: every party waits there until the last one arrives.</summary>
    [Text("barrier_wait")] BarrierWait,
    /// <summary>smp_mb() under the weak-memory mode: a full fence, ordered with every other full fence (never a point under sc).</summary>
    [Text("smp_mb")] Fence,
}

/// <summary>The name an access kind is rendered with in traces and reports.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class TextAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>Kernel-flavoured names of access kinds, read once from the enum's <see cref="TextAttribute"/>s.</summary>
public static class AccessKindText
{
    private static readonly string[] Names = BuildNames();

    public static string Render(this AccessKind kind) => Names[(int)kind];

    private static string[] BuildNames()
    {
        var kinds = Enum.GetValues<AccessKind>();
        var names = new string[kinds.Length];
        foreach (var kind in kinds)
        {
            var field = typeof(AccessKind).GetField(kind.ToString(), BindingFlags.Public | BindingFlags.Static)!;
            names[(int)kind] = field.GetCustomAttribute<TextAttribute>()?.Text ?? kind.ToString();
        }

        return names;
    }
}
