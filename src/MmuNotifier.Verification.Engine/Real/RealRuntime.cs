// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

// Models a real SMP machine: every logical thread is an OS thread, every primitive a real lock; the kernel's debug checks (might_sleep, lockdep_assert_held, KASAN) stay on.
/// <summary>
/// The real-concurrency runtime: the same model as under the exploration engine, run as a plain
/// stress test (the baseline the engine must beat). All primitives complete synchronously, after
/// blocking the OS thread as needed, so an async model method runs straight through on its thread.
/// One instance serves one run: call <see cref="Run"/> once.
/// </summary>
/// <remarks>
/// Known limits, by design of a real run: no trace and no replay (the OS scheduler decided); Spawn
/// does not run the child to its first scheduling point before returning; memory is sequentially
/// consistent (cells use a lock), so weak-memory reorderings are never shown; Choose uses
/// Random.Shared, so runs are not reproducible from a seed; monitors run at sampled safepoints
/// (<see cref="RealRuntimeOptions.MonitorInterval"/>) and once at the end, not after every step;
/// lock maps record nothing (no lock-order checking); threads the runtime did not spawn may use
/// primitives but take no part in safepoints or in the watchdog's deadlock detection.
/// </remarks>
public sealed partial class RealRuntime : IRuntime, ILockdepReporter
{
    private readonly RealRuntimeOptions _options;
    private readonly IThreadScheduler? _scheduler;
    private readonly int _sliceMs;
    private readonly object _bugLock = new();
    private readonly List<Bug> _bugs = [];
    private readonly List<InvariantMonitor> _monitors = [];
    private readonly List<Action<ILifetime>> _allocationObservers = [];
    private volatile bool _hasMonitors;
    private volatile bool _stopped;
    private long _ops;
    private int _nextThreadId;

    public RealRuntime(RealRuntimeOptions? options = null)
    {
        _options = options ?? new RealRuntimeOptions();
        _options.Validate();
        _scheduler = _options.Scheduler;
        _sliceMs = Math.Max(1, (int)_options.WaitSlice.TotalMilliseconds);
    }

    public bool IsControlled => false;

    /// <summary>Real runs record no trace: the interleaving is whatever the OS scheduler did.</summary>
    public bool IsTracing => false;

    /// <summary>Primitive operations so far: the "step" written into bugs.</summary>
    public long Operations => Interlocked.Read(ref _ops);

    public IReadOnlyList<Bug> Bugs
    {
        get
        {
            lock (_bugLock) return _bugs.ToArray();
        }
    }

    public string CurrentThreadName => CurrentThread().Name;

    public ISpinLock NewSpinLock(PrimitiveName name, ILifetime? owner = null, string classFile = "", int classLine = 0) => new RealSpinLock(this, name.ToString(), owner);

    public IMutex NewMutex(PrimitiveName name, ILifetime? owner = null, string classFile = "", int classLine = 0) => new RealMutex(this, name.ToString(), owner);

    public IRwSemaphore NewRwSemaphore(PrimitiveName name, ILifetime? owner = null, string classFile = "", int classLine = 0) => new RealRwSemaphore(this, name.ToString(), owner);

    public IWaitQueue NewWaitQueue(PrimitiveName name, ILifetime? owner = null) => new RealWaitQueue(this, name.ToString(), owner);

    public ISrcu NewSrcu(PrimitiveName name) => new RealSrcu(this, name.ToString());

    public ICell<T> NewCell<T>(PrimitiveName name, T initial, ILifetime? owner = null) => new RealCell<T>(this, name.ToString(), initial, owner);

    public IAtomic NewAtomic(PrimitiveName name, long initial, ILifetime? owner = null) => new RealAtomic(this, name.ToString(), initial, owner);

    public ILockMap NewLockMap(PrimitiveName name, string classFile = "", int classLine = 0) => new RealLockMap(name.ToString());

    public IBarrier NewBarrier(PrimitiveName name, int parties) => new RealBarrier(this, name.ToString(), parties);

    public ILifetime NewLifetime(PrimitiveName name)
    {
        var lifetime = new RealLifetime(this, name.ToString());
        // Under the list's lock: threads allocate concurrently, observers are called one at a time.
        lock (_allocationObservers)
        {
            foreach (var observer in _allocationObservers) observer(lifetime);
        }

        return lifetime;
    }

    public void OnAllocation(Action<ILifetime> observer)
    {
        lock (_allocationObservers) _allocationObservers.Add(observer);
    }

    public IThreadHandle Spawn(string name, Func<Task> body) => new RealThreadHandle(this, SpawnThread(name, body));

    public ValueTask<int> Choose(string name, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Enter(null, name, "choose");
        return ValueTask.FromResult(_scheduler?.Choose(count) ?? Random.Shared.Next(count));
    }

    public ValueTask<bool> ChooseBool(string name)
    {
        Enter(null, name, "choose");
        return ValueTask.FromResult((_scheduler?.Choose(2) ?? Random.Shared.Next(2)) == 1);
    }

    public ValueTask Yield()
    {
        Enter(null, "cpu", "yield");
        Thread.Yield();
        return ValueTask.CompletedTask;
    }

    // Real threads run on the hardware's own memory model: the barriers are the hardware's.
    public ValueTask SmpMb()
    {
        Interlocked.MemoryBarrier();
        return ValueTask.CompletedTask;
    }

    public void SmpWmb() => Interlocked.MemoryBarrier();

    public void SmpRmb() => Interlocked.MemoryBarrier();

    public void MightSleep(string what)
    {
        var thread = CurrentThread();
        if (!thread.InAtomicContext) return;
        Lockdep.CheckMaySleep(this, what,
            thread.HeldSpinLocks.Count > 0 ? thread.HeldSpinLocks[^1] : null,
            thread.NoSleepReasons.Count > 0 ? thread.NoSleepReasons[^1] : null);
    }

    void ILockdepReporter.ReportFatal(BugKind kind, string message) => Report(kind, message, fatal: true);

    public NoSleepScope EnterNoSleep(string reason)
    {
        var thread = CurrentThread();
        thread.NoSleepReasons.Add(reason);
        // Remove this very region even if scopes are closed out of order.
        return new NoSleepScope(() => thread.NoSleepReasons.RemoveAt(thread.NoSleepReasons.LastIndexOf(reason)));
    }

    public void Assert(bool condition, string message)
    {
        if (!condition) Report(BugKind.Assertion, message, fatal: true);
    }

    public bool WarnOn(bool condition, string message)
    {
        // The kernel prints the WARN and carries on, so the run goes on too.
        if (condition) Report(BugKind.WarnOn, message, fatal: false, component: BugComponent.Warning);
        return condition;
    }

    public void BugOn(bool condition, string message)
    {
        if (condition) Report(BugKind.BugOn, message, fatal: true);
    }

    public void ReportViolation(string invariant, string message, BugComponent component = BugComponent.Core) =>
        Report(BugKind.InvariantViolation, message, fatal: true, invariant, component);

    /// <remarks>Real threads have no step boundaries to filter on, so <paramref name="watches"/> and <paramref name="reads"/> are ignored.</remarks>
    public void AddMonitor(string invariant, Func<string?> check, BugComponent component = BugComponent.Core,
        WatchSet? watches = null, Action<MonitorReads>? reads = null)
    {
        lock (_monitors) _monitors.Add(new InvariantMonitor(invariant, check, component));
        _hasMonitors = true;
    }

    public void Annotate(string note)
    {
    }

    /// <summary>
    /// Records a bug. A fatal one stops the run and unwinds the reporting thread; bugs reported after
    /// the stop are consequences of the unwinding and are dropped.
    /// </summary>
    internal void Report(BugKind kind, string message, bool fatal, string? invariant = null, BugComponent component = BugComponent.Core)
    {
        Record(kind, message, fatal, invariant, component, CurrentThreadNameOrNull() ?? "external");
        if (fatal) throw new RealRunAbortedException();
    }

    private void Record(BugKind kind, string message, bool fatal, string? invariant, BugComponent component, string thread)
    {
        var bug = new Bug(kind, message, (int)Math.Min(int.MaxValue, Operations), thread, invariant, component);
        lock (_bugLock)
        {
            if (_stopped) return;
            _bugs.Add(bug);
            if (fatal) _stopped = true;
        }

        // Outside the lock: a scheduler reports the failure its own way, which may unwind this thread.
        if (fatal) _scheduler?.Fail(bug);
    }

    internal RealThread CurrentThread()
    {
        var thread = RealThread.Current;
        if (thread is not null && thread.Runtime == this) return thread;
        // A thread the runtime did not spawn (a test calling a primitive directly): give it a context
        // so lock ownership and atomic context still work, but it takes no part in safepoints.
        thread = new RealThread(this, Interlocked.Increment(ref _nextThreadId), $"external-{Environment.CurrentManagedThreadId}", counted: false);
        RealThread.Attach(thread);
        return thread;
    }

    private string? CurrentThreadNameOrNull() => RealThread.Current is { } t && t.Runtime == this ? t.Name : null;

    /// <summary>Runs every monitor once; the first violation is recorded (and unwinds the caller if <paramref name="unwind"/>).</summary>
    private void RunMonitors(bool unwind, string thread)
    {
        InvariantMonitor[] monitors;
        lock (_monitors) monitors = _monitors.ToArray();
        foreach (var monitor in monitors)
        {
            string? violation;
            try
            {
                violation = monitor.Check();
            }
            catch (RealRunAbortedException)
            {
                throw;
            }
            catch (Exception e)
            {
                Record(BugKind.HarnessError, $"monitor {monitor.Invariant} threw {e.GetType().Name}: {e.Message}", true, monitor.Invariant, BugComponent.Harness, thread);
                if (unwind) throw new RealRunAbortedException();
                return;
            }

            if (violation is null) continue;
            Record(BugKind.InvariantViolation, violation, true, monitor.Invariant, monitor.Component, thread);
            if (unwind) throw new RealRunAbortedException();
            return;
        }
    }

    private sealed record InvariantMonitor(string Invariant, Func<string?> Check, BugComponent Component);
}
