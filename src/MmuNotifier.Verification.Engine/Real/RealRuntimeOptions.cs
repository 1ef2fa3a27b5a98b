// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Real;

/// <summary>Knobs of one real-thread run: the watchdog's bounds and how often monitors are sampled.</summary>
public sealed record RealRuntimeOptions
{
    /// <summary>A run still unfinished after this long is abandoned and reported (deadlock, or a livelock if it still progressed).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Every live thread blocked in a primitive and no progress for this long is reported as a deadlock
    /// at once, without waiting for <see cref="Timeout"/>: a stress loop should not pay 2 s per hung run.
    /// </summary>
    public TimeSpan DeadlockQuietPeriod { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Monitors run at a stop-the-world safepoint every this many primitive operations (and once when
    /// the run ends). 1 = after every operation, which serialises the threads almost completely.
    /// </summary>
    public int MonitorInterval { get; init; } = 64;

    /// <summary>Blocked threads wake at least this often to notice that the run was stopped.</summary>
    public TimeSpan WaitSlice { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>After a fatal bug, how long to wait for the other threads to unwind before abandoning them.</summary>
    public TimeSpan UnwindGrace { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// When set, this scheduler serialises the threads and decides every interleaving (the Coyote
    /// backend); monitors then run at every operation and the timing knobs above are unused.
    /// </summary>
    public IThreadScheduler? Scheduler { get; init; }

    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException($"timeout must be positive, got {Timeout}");
        if (DeadlockQuietPeriod <= TimeSpan.Zero) throw new ArgumentException($"deadlock quiet period must be positive, got {DeadlockQuietPeriod}");
        if (MonitorInterval <= 0) throw new ArgumentException($"monitor interval must be positive, got {MonitorInterval}");
        if (WaitSlice <= TimeSpan.Zero) throw new ArgumentException($"wait slice must be positive, got {WaitSlice}");
    }
}
