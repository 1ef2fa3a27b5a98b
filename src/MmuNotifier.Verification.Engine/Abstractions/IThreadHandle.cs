// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>A logical thread (a CPU in the kernel's terms) spawned by the test body.</summary>
public interface IThreadHandle
{
    int Id { get; }

    string Name { get; }

    bool IsCompleted { get; }

    /// <summary>Waits until the thread has finished.</summary>
    ValueTask Join();
}
