// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Mm;

namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>
/// struct mmu_notifier_range: [<see cref="Start"/>, <see cref="End"/>) of <see cref="Mm"/>. Owned
/// by the invalidating thread, so its fields are plain; the non-blocking start clears the
/// blockable flag in place, as the C does.
/// </summary>
public sealed class MmuNotifierRange
{
    /// <summary>MMU_NOTIFIER_RANGE_BLOCKABLE: the callbacks may sleep.</summary>
    public const uint MMU_NOTIFIER_RANGE_BLOCKABLE = 1u << 0;

    public required MmStruct Mm { get; init; }

    public ulong Start { get; init; }

    /// <summary>Exclusive end.</summary>
    public ulong End { get; init; }

    public uint Flags { get; set; }

    public MmuNotifierEvent Event { get; init; }

    /// <summary>The owner cookie of MMU_NOTIFY_MIGRATE / MMU_NOTIFY_EXCLUSIVE ranges.</summary>
    public object? Owner { get; init; }

    public override string ToString() => $"[{Start:x}, {End:x}) {Event}{((Flags & MMU_NOTIFIER_RANGE_BLOCKABLE) != 0 ? "" : " non-blockable")}";
}
