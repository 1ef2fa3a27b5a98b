// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// The locks a thread held at one access, as the data-race detector remembers it: a frozen copy of
/// lockdep's held-lock stack, shared by every access until the stack changes. The text a report
/// prints is built only when a report needs it, not on the access path.
/// </summary>
internal sealed class Lockset
{
    /// <summary>No lock held (and every lockset while lockdep is off).</summary>
    public static readonly Lockset None = new([]);

    private readonly HeldLock[] _held;
    private string? _text;

    private Lockset(HeldLock[] held) => _held = held;

    public static Lockset Of(List<HeldLock> held) => held.Count == 0 ? None : new Lockset([.. held]);

    public bool IsEmpty => _held.Length == 0;

    /// <summary>The locks, innermost last, as reports print them ("none" for no lock).</summary>
    public string Text => _text ??= _held.Length == 0 ? LogicalThread.NoLocksText : string.Join(", ", _held.Select(h => h.Name));

    public override string ToString() => Text;
}
