// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>struct rw_semaphore (e.g. mmap_lock): many readers or one writer; down_* may sleep.</summary>
public interface IRwSemaphore
{
    string Name { get; }

    ValueTask DownRead();

    ValueTask<bool> TryDownRead();

    ValueTask UpRead();

    ValueTask DownWrite();

    ValueTask<bool> TryDownWrite();

    ValueTask UpWrite();

    /// <summary>Reports a bug unless the current thread holds it for read or write.</summary>
    void AssertHeld();

    /// <summary>Reports a bug unless the current thread holds it for write.</summary>
    void AssertWriteHeld();
}
