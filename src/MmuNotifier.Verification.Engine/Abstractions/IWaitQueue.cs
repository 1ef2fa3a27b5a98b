// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// wait_queue_head_t. <see cref="WaitEvent"/> checks its condition and joins the queue in one
/// indivisible step and re-checks after every wake, so it cannot lose a wake-up. A model that
/// tests a flag and then calls <see cref="SleepUntilWoken"/> separately can, which is how such
/// bugs are written down.
/// </summary>
public interface IWaitQueue
{
    string Name { get; }

    /// <summary>
    /// wait_event(wq, condition). The condition is evaluated atomically by the runtime: read
    /// shared state in it with <c>Peek()</c>, never with an awaited access.
    /// </summary>
    ValueTask WaitEvent(Func<bool> condition);

    /// <summary>Sleep until the next wake_up on this queue, whatever the state (no condition check).</summary>
    ValueTask SleepUntilWoken();

    /// <summary>wake_up_all: every sleeper becomes runnable and re-checks its condition.</summary>
    ValueTask WakeUpAll();
}
