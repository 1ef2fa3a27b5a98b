// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.HappensBefore;

/// <summary>
/// One access to a shared location as the data-race detector remembers it: who made it, the
/// epoch (its thread's own clock entry at the time), the step, the kind and the locks then held.
/// A default value (no thread name) means "no such access yet".
/// </summary>
internal readonly record struct RaceAccess(int Thread, int Epoch, int Step, AccessKind Kind, string ThreadName, Runtime.Lockset Locks)
{
    public bool Exists => ThreadName is not null;

    /// <summary>Plain C accesses (and kfree, a plain write to the whole object); READ_ONCE/WRITE_ONCE, acquire/release and atomics are marked.</summary>
    public bool IsPlain => Kind is AccessKind.Read or AccessKind.Write or AccessKind.Free;

    public bool IsWrite => Kind is AccessKind.Write or AccessKind.WriteOnce or AccessKind.StoreRelease or AccessKind.Free;

    /// <summary>Whether this earlier access and <paramref name="later"/>, whose thread's clock is <paramref name="laterClock"/>, are unordered.</summary>
    public bool IsConcurrentWith(in RaceAccess later, VectorClock laterClock) =>
        Exists && Thread != later.Thread && !laterClock.HasSeen(Thread, Epoch);

    public string Describe() => $"{Kind.Render()} by {ThreadName} at step {Step} (locks held: {Locks.Text})";
}
