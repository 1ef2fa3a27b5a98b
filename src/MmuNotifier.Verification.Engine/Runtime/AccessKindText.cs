// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>Kernel-flavoured names of access kinds, used in rendered traces and reports.</summary>
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
            names[(int)kind] = kind switch
            {
                AccessKind.Read => "read",
                AccessKind.Write => "write",
                AccessKind.ReadOnce => "READ_ONCE",
                AccessKind.WriteOnce => "WRITE_ONCE",
                AccessKind.LoadAcquire => "smp_load_acquire",
                AccessKind.StoreRelease => "smp_store_release",
                AccessKind.AtomicRmw => "atomic",
                AccessKind.Acquire => "lock",
                AccessKind.TryAcquire => "trylock",
                AccessKind.Release => "unlock",
                AccessKind.AcquireRead => "down_read",
                AccessKind.TryAcquireRead => "down_read_trylock",
                AccessKind.ReleaseRead => "up_read",
                AccessKind.Wait => "wait_event",
                AccessKind.Sleep => "sleep",
                AccessKind.Wake => "wake_up_all",
                AccessKind.SrcuReadLock => "srcu_read_lock",
                AccessKind.SrcuReadUnlock => "srcu_read_unlock",
                AccessKind.Synchronize => "synchronize_srcu",
                AccessKind.CallSrcu => "call_srcu",
                AccessKind.SrcuBarrier => "srcu_barrier",
                AccessKind.Choose => "choose",
                AccessKind.Join => "join",
                AccessKind.Yield => "yield",
                AccessKind.Free => "kfree",
                AccessKind.Spawn => "start",
                _ => kind.ToString(),
            };
        }

        return names;
    }
}
