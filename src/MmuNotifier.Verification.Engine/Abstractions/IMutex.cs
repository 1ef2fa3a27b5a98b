// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>struct mutex: a sleeping lock; taking it in atomic context is reported.</summary>
public interface IMutex
{
    string Name { get; }

    ValueTask Lock();

    /// <summary>mutex_trylock: never sleeps, so it is allowed in atomic context.</summary>
    ValueTask<bool> TryLock();

    ValueTask Unlock();

    void AssertHeld();

    bool IsHeldByCurrentThread { get; }
}
