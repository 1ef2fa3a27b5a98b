// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// wait_queue_head_t. <see cref="WaitEvent{T}"/> checks its condition and joins the queue in one
/// indivisible step and re-checks after every wake, so it cannot lose a wake-up. A model that
/// tests a flag and then calls <see cref="SleepUntilWoken"/> separately can, which is how such
/// bugs are written down.
/// </summary>
public interface IWaitQueue
{
    string Name { get; }

    /// <summary>
    /// wait_event(wq, condition(cell)). The condition gets the cell's value and is evaluated
    /// atomically by the runtime, so it must not await. The cell is declared: it is what the
    /// waiter's step reads, which the engine shows to strategies with the pending access. Reading
    /// any other controlled cell inside the condition (with <c>Peek()</c>) is reported as a harness
    /// error, because the engine could not know that the waiter depends on it.
    /// </summary>
    ValueTask WaitEvent<T>(ICell<T> cell, Func<T, bool> condition);

    /// <summary>Sleep until the next wake_up on this queue, whatever the state (no condition check).</summary>
    ValueTask SleepUntilWoken();

    /// <summary>wake_up_all: every sleeper becomes runnable and re-checks its condition.</summary>
    ValueTask WakeUpAll();
}
