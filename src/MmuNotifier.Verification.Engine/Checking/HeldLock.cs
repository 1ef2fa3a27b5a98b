// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>One entry of a thread's held-lock stack (lockdep's held_locks): which lock, its class, since which step.</summary>
internal readonly record struct HeldLock(object Lock, LockClass Class, string Name, int Step, bool Read);
