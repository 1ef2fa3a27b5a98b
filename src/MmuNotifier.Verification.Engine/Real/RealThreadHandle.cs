// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

// Models kthread_stop/wait_for_completion on a thread's exit: the joiner sleeps, so it may not be in atomic context.
internal sealed class RealThreadHandle(RealRuntime runtime, RealThread thread) : IThreadHandle
{
    public int Id => thread.Id;

    public string Name => thread.Name;

    public bool IsCompleted => thread.Finished;

    /// <summary>What the thread is blocked in right now, or null: diagnostics and tests that force an order.</summary>
    internal string? WaitingOn => thread.WaitingOn;

    public ValueTask Join()
    {
        var self = runtime.Enter(null, Name, "join");
        Lockdep.CheckNotHeld(runtime, self == thread, "join", Name, "on itself");
        runtime.MightSleep($"join({Name})");
        lock (thread.DoneSync)
        {
            if (!thread.Finished) runtime.BlockUntil(self, thread.DoneSync, () => thread.Finished, $"join({Name})");
        }

        return ValueTask.CompletedTask;
    }
}
