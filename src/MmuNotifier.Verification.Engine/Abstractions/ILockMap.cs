// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// A lockdep map (struct lockdep_map): a pseudo-lock with no blocking, acquired and released only
/// to tell a lock-order checker which contexts nest inside which.
/// </summary>
public interface ILockMap
{
    string Name { get; }

    void Acquire();

    void Release();
}
