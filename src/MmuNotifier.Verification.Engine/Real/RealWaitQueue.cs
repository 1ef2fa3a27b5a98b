// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Real;

// Models wait_queue_head_t: wait_event re-checks its condition under the queue lock after every wake (no lost wake-up); a bare sleep waits for the next wake_up only.
/// <remarks>
/// The condition is evaluated under the queue's monitor and wake_up_all takes the same monitor after
/// the waker changed the state, so a waiter either sees the new state or is already waiting when the
/// pulse comes. <see cref="SleepUntilWoken"/> waits for the generation to move past the one it saw on
/// entry: a wake-up that came earlier is lost, and the run hangs where the kernel would.
/// </remarks>
internal sealed class RealWaitQueue(RealRuntime runtime, string name, ILifetime? owner) : IWaitQueue
{
    private readonly object _sync = new();
    private long _generation;

    public string Name { get; } = name;

    public ValueTask WaitEvent<T>(ICell<T> cell, Func<T, bool> condition)
    {
        var self = runtime.Enter(owner, Name, "wait_event");
        // wait_event calls might_sleep() even when the condition already holds.
        runtime.MightSleep($"wait_event({Name})");
        bool Ready() => condition(cell.Peek());
        lock (_sync)
        {
            if (!Ready())
                runtime.BlockUntil(self, _sync, Ready, $"wait_event({Name})");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SleepUntilWoken()
    {
        var self = runtime.Enter(owner, Name, "sleep");
        runtime.MightSleep($"schedule() on {Name}");
        lock (_sync)
        {
            long seen = _generation;
            runtime.BlockUntil(self, _sync, () => _generation != seen, $"sleep on {Name} (no condition)");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask WakeUpAll()
    {
        runtime.Enter(owner, Name, "wake_up_all");
        lock (_sync)
        {
            _generation++;
            runtime.WakeAll(_sync);
        }

        return ValueTask.CompletedTask;
    }
}
