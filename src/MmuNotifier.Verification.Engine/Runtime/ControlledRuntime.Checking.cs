// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Runtime;

internal sealed partial class ControlledRuntime
{
    /// <summary>
    /// A registered monitor and, for partial-order reduction, the bit of <see cref="ExecutedStep"/>'s
    /// view masks it reports under: one per watch set (monitors sharing a set share it) and one per
    /// monitor without a set. <see cref="Seen"/> and <see cref="Scratch"/> are its declared reads
    /// after the previous step and now. The records are kept from run to run (<see cref="_monitorPool"/>):
    /// a world registers the same monitors every schedule.
    /// </summary>
    private sealed class Monitor
    {
        public string Invariant { get; private set; } = "";
        public Func<string?> Check { get; private set; } = null!;
        public BugComponent Component { get; private set; }
        public WatchSet? Watches { get; private set; }
        public Action<MonitorReads>? Reads { get; private set; }
        public ulong Bit { get; private set; }
        public MonitorReads? Seen { get; set; }
        public MonitorReads? Scratch { get; set; }
        public bool Checked { get; set; }

        /// <summary>This record as a newly registered monitor: what it checks, and nothing seen or checked yet.</summary>
        public Monitor Registered(string invariant, Func<string?> check, BugComponent component, WatchSet? watches,
            Action<MonitorReads>? reads, ulong bit)
        {
            Invariant = invariant;
            Check = check;
            Component = component;
            Watches = watches;
            Reads = reads;
            Bit = bit;
            Seen = null;
            Scratch = null;
            Checked = false;
            return this;
        }
    }

    /// <summary>The monitor record for the next registration: the one the previous runs made at that place, or a new one.</summary>
    private Monitor NextMonitorRecord()
    {
        if (_monitors.Count == _monitorPool.Count) _monitorPool.Add(new Monitor());
        return _monitorPool[_monitors.Count];
    }

    /// <summary>The first monitor registered with <paramref name="watches"/> and no reads of its own, whose bit a new one shares.</summary>
    private Monitor? SharingWatches(WatchSet watches)
    {
        foreach (var monitor in _monitors)
            if (ReferenceEquals(monitor.Watches, watches) && monitor.Reads is null) return monitor;
        return null;
    }

    public void Assert(bool condition, string message)
    {
        if (!condition) Fail(BugKind.Assertion, message);
    }

    public bool WarnOn(bool condition, string message)
    {
        if (condition) Record(BugKind.WarnOn, message, null, BugComponent.Warning);
        return condition;
    }

    public void BugOn(bool condition, string message)
    {
        if (condition) Fail(BugKind.BugOn, message);
    }

    public void ReportViolation(string invariant, string message, BugComponent component = BugComponent.Core) =>
        Fail(BugKind.InvariantViolation, message, invariant, component);

    public void AddMonitor(string invariant, Func<string?> check, BugComponent component = BugComponent.Core,
        WatchSet? watches = null, Action<MonitorReads>? reads = null)
    {
        var shared = watches is null || reads is not null ? null : SharingWatches(watches);
        var bit = shared?.Bit ?? 1UL << Math.Min(_monitorBits++, 63);
        _monitors.Add(NextMonitorRecord().Registered(invariant, check, component, watches, reads, bit));
        // Only a reducing strategy compares declared reads (RunMonitors): the others take no baseline either.
        if (watches is null && reads is not null && _stepObserver is not null) _readsBaselinePending = true;
    }

    /// <summary>What every monitor with declared reads sees before the first step after its registration.</summary>
    private void TakeReadsBaselines()
    {
        _readsBaselinePending = false;
        foreach (var monitor in _monitors)
        {
            if (monitor.Reads is null || monitor.Seen is not null) continue;
            monitor.Seen = new MonitorReads();
            monitor.Scratch = new MonitorReads();
            monitor.Reads(monitor.Seen);
            // The state the baseline describes passes the check: from here an unchanged list must keep it passing.
            monitor.Checked = PassesQuietly(monitor);
        }
    }

    private static bool PassesQuietly(Monitor monitor)
    {
        try
        {
            return monitor.Check() is null;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public void MightSleep(string what)
    {
        var thread = Current;
        if (thread.SpinLocksHeld.Count == 0 && thread.NoSleepReasons.Count == 0) return;
        Lockdep.CheckMaySleep(this, what,
            thread.SpinLocksHeld.Count > 0 ? thread.SpinLocksHeld[^1].Name : null,
            thread.NoSleepReasons.Count > 0 ? thread.NoSleepReasons[^1] : null);
    }

    void ILockdepReporter.ReportFatal(BugKind kind, string message) => Fail(kind, message);

    public NoSleepScope EnterNoSleep(string reason)
    {
        var thread = Current;
        thread.NoSleepReasons.Add(reason);
        return new NoSleepScope(thread.PopNoSleep);
    }

    /// <summary>
    /// KASAN on an access that is not a scheduling point: a plain field guarded by a lock of a
    /// freed object (<see cref="Abstractions.Guarded{T}"/> asserts its lock on every access).
    /// </summary>
    internal void CheckNotFreed(Primitives.ControlledLifetime? owner, string what)
    {
        if (owner is { IsFreed: true } && (Detectors & Detectors.Kasan) != 0) owner.CheckAlive(what);
    }

    /// <summary>
    /// KASAN on a plain field of an allocation (<see cref="Abstractions.Plain{T}"/>): the access is
    /// noted as a touch of the allocation whether or not it is freed, so a reducing strategy orders
    /// it against the kfree, and reported as a use-after-free when it is freed.
    /// </summary>
    internal void CheckAliveAt(Primitives.ControlledLifetime owner, string what)
    {
        if ((Detectors & Detectors.Kasan) != 0) owner.CheckAlive(what);
    }

    /// <summary>Use-after-free found by model code (a callback of a freed object was called).</summary>
    internal void UseAfterFree(string message) => Fail(BugKind.UseAfterFree, message);

    /// <summary>Records a bug found while model code runs, stops the run and unwinds the thread.</summary>
    internal void Fail(BugKind kind, string message, string? invariant = null, BugComponent component = BugComponent.Core)
    {
        StopWith(kind, message, invariant, component);
        throw new ExecutionStoppedException();
    }

    /// <summary>Records a bug and stops the run without unwinding (for the engine's own context).</summary>
    internal void StopWith(BugKind kind, string message, string? invariant = null, BugComponent component = BugComponent.Core,
        string? thread = null)
    {
        Record(kind, message, invariant, component, thread);
        _stopped = true;
    }

    private void Record(BugKind kind, string message, string? invariant, BugComponent component, string? thread = null)
    {
        if (_stopped) return;
        _bugs.Add(new Bug(kind, message, _step, thread ?? CurrentThreadName, invariant, component));
        if (IsTracing) Annotate($"!! {kind}{(invariant is null ? "" : $" [{invariant}]")}: {message}");
    }

    internal void MisusedAwait(LogicalThread thread) =>
        StopWith(BugKind.HarnessError, $"{thread.Name} awaited the same access twice or an access it did not start",
            component: BugComponent.Harness);

    /// <summary>Runs the monitors that watch everything or something <paramref name="stepped"/> touched.</summary>
    private void RunMonitors(ControlledPrimitive stepped)
    {
        if (_stepObserver is null)
        {
            RunChecks(stepped);
            return;
        }

        var lookup = new WatchLookup(stepped);
        foreach (var monitor in _monitors)
        {
            if (!lookup.Runs(monitor)) continue;
            if (monitor.Watches is not null && monitor.Reads is null) WatchedViews |= monitor.Bit;

            var unchanged = false;
            string? violation;
            try
            {
                // A reducing strategy uses what a step changed (and the reads check that guards it);
                // the others take RunChecks and never evaluate the declared reads.
                if (monitor.Watches is null || monitor.Reads is not null) unchanged = !ReadsChanged(monitor);
                violation = monitor.Check();
            }
            catch (ExecutionStoppedException)
            {
                return;
            }
            catch (Exception error)
            {
                violation = $"monitor threw {error.GetType().Name}: {error.Message}";
            }

            if (violation is not null && unchanged && monitor.Checked)
            {
                StopWith(BugKind.HarnessError, $"monitor {monitor.Invariant} changed its verdict although the values it declares it reads did not: " +
                    $"its reads miss something it depends on ({violation})", component: BugComponent.Harness);
                return;
            }

            monitor.Checked = true;
            if (violation is not null)
            {
                StopWith(BugKind.InvariantViolation, violation, monitor.Invariant, monitor.Component);
                return;
            }
        }
    }

    /// <summary>
    /// <see cref="RunMonitors"/> for a strategy that does not reduce: nothing uses what a step
    /// changed, so only the checks run, and the first violation (or a check that throws) ends the
    /// pass. The hot path of every random and PCT schedule: one protected region for the whole
    /// pass instead of one per monitor.
    /// </summary>
    private void RunChecks(ControlledPrimitive stepped)
    {
        var monitors = _monitors;
        var lookup = new WatchLookup(stepped);
        var i = 0;
        try
        {
            for (; i < monitors.Count; i++)
            {
                var monitor = monitors[i];
                if (!lookup.Runs(monitor)) continue;
                if (monitor.Check() is { } violation)
                {
                    StopWith(BugKind.InvariantViolation, violation, monitor.Invariant, monitor.Component);
                    return;
                }
            }
        }
        catch (ExecutionStoppedException)
        {
        }
        catch (Exception error)
        {
            var monitor = monitors[i];
            StopWith(BugKind.InvariantViolation, $"monitor threw {error.GetType().Name}: {error.Message}", monitor.Invariant, monitor.Component);
        }
    }

    /// <summary>
    /// Which monitors run after a step: those without a watch set, and those whose set holds the
    /// stepped object or its allocation. Monitors registered with the same set follow each other,
    /// so the step is looked up once per run of equal sets.
    /// </summary>
    private struct WatchLookup(ControlledPrimitive stepped)
    {
        private WatchSet? _last;
        private bool _touched;

        public bool Runs(Monitor monitor)
        {
            if (monitor.Watches is not { } watches) return true;
            if (!ReferenceEquals(watches, _last))
            {
                _last = watches;
                _touched = watches.Contains(stepped) || watches.Contains(stepped.Owner);
            }

            return _touched;
        }
    }

    /// <summary>
    /// Whether what <paramref name="monitor"/> reads differs from after the previous step (always
    /// for a monitor that declares no reads); a change sets its bit in <see cref="ChangedViews"/>.
    /// </summary>
    private bool ReadsChanged(Monitor monitor)
    {
        if (monitor.Reads is not { } reads)
        {
            ChangedViews |= monitor.Bit;
            return true;
        }

        if (monitor.Seen is null)
        {
            // Registered by the step that just ran: that step made what it sees.
            monitor.Seen = new MonitorReads();
            monitor.Scratch = new MonitorReads();
            reads(monitor.Seen);
            ChangedViews |= monitor.Bit;
            return true;
        }

        var now = monitor.Scratch!;
        now.Clear();
        reads(now);
        if (now.SameAs(monitor.Seen!)) return false;
        (monitor.Seen, monitor.Scratch) = (now, monitor.Seen);
        ChangedViews |= monitor.Bit;
        return true;
    }
}
