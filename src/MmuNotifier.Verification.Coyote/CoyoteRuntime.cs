// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using Microsoft.Coyote.Specifications;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Real;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Coyote;

/// <summary>
/// The runtime abstraction on Microsoft.Coyote's controlled concurrency, the third
/// implementation beside the exploration engine's and the real-thread stress runtime. It is the
/// real runtime (OS threads, real primitives, the same lockdep checks) with Coyote as its
/// <see cref="IThreadScheduler"/>: Coyote's TestingEngine decides every interleaving and every
/// choice and reports every bug, so the port, models and invariants run unchanged under
/// `coyote test`. One instance serves one schedule (one Coyote iteration).
/// </summary>
/// <remarks>
/// Each primitive is one forwarding member: a primitive added to the real runtime works here
/// by adding its line. Monitors run at every operation (watch sets are not consulted); traces are
/// Coyote's own schedule files, replayed with `coyote replay`. Liveness monitors are Coyote's
/// hot/cold specification monitor (<see cref="CoyoteLiveness"/>).
/// </remarks>
public sealed class CoyoteRuntime : IRuntime
{
    /// <summary>
    /// The kernel-debug detectors this backend applies, as the exploration engine names them: the
    /// real runtime's KASAN checks (and its lockdep_assert_held / might_sleep checks, which the
    /// engine makes with every detector off too). It records no lock-order graph and no
    /// happens-before, so lockdep's dependency checks and KCSAN are not among them; a like-for-like
    /// comparison runs the engine with these.
    /// </summary>
    public const Detectors AppliedDetectors = Detectors.Kasan;

    private readonly RealRuntime _real = new(new RealRuntimeOptions { Scheduler = new CoyoteScheduler() });
    private readonly CoyoteLiveness _liveness = new();

    /// <summary>
    /// Runs one schedule of <paramref name="program"/> inside the current Coyote iteration. A fatal
    /// bug has already failed the iteration when it happened; a bug the run survived (WARN_ON)
    /// fails it at the end, if <paramref name="isFinding"/> (the program's finding rule) counts it.
    /// </summary>
    public static void Run(TestProgram program, Func<IReadOnlyList<Bug>, bool>? isFinding = null)
    {
        var runtime = new CoyoteRuntime();
        var result = runtime._real.Run(_ => program.Body(runtime));
        var bugs = result.Bugs;
        if ((isFinding ?? FindingOfAnyBug)(bugs))
            Specification.Assert(false, CoyoteBugText.Of(bugs.First(b => b.IsBug)));
    }

    private static bool FindingOfAnyBug(IReadOnlyList<Bug> bugs) => bugs.Any(b => b.IsBug);

    /// <summary>Coyote controls every interleaving, as the exploration engine does.</summary>
    public bool IsControlled => true;

    public bool IsTracing => false;

    public string CurrentThreadName => _real.CurrentThreadName;

    public ISpinLock NewSpinLock(PrimitiveName name, ILifetime? owner = null, [CallerFilePath] string classFile = "", [CallerLineNumber] int classLine = 0) =>
        _real.NewSpinLock(name, owner, classFile, classLine);

    public IMutex NewMutex(PrimitiveName name, ILifetime? owner = null, [CallerFilePath] string classFile = "", [CallerLineNumber] int classLine = 0) =>
        _real.NewMutex(name, owner, classFile, classLine);

    public IRwSemaphore NewRwSemaphore(PrimitiveName name, ILifetime? owner = null, [CallerFilePath] string classFile = "", [CallerLineNumber] int classLine = 0) =>
        _real.NewRwSemaphore(name, owner, classFile, classLine);

    public IWaitQueue NewWaitQueue(PrimitiveName name, ILifetime? owner = null) => _real.NewWaitQueue(name, owner);

    public ISrcu NewSrcu(PrimitiveName name) => _real.NewSrcu(name);

    public ICell<T> NewCell<T>(PrimitiveName name, T initial, ILifetime? owner = null) => _real.NewCell(name, initial, owner);

    public IAtomic NewAtomic(PrimitiveName name, long initial, ILifetime? owner = null) => _real.NewAtomic(name, initial, owner);

    public ILockMap NewLockMap(PrimitiveName name, [CallerFilePath] string classFile = "", [CallerLineNumber] int classLine = 0) => _real.NewLockMap(name, classFile, classLine);

    public IBarrier NewBarrier(PrimitiveName name, int parties) => _real.NewBarrier(name, parties);

    public ILifetime NewLifetime(PrimitiveName name) => _real.NewLifetime(name);

    public void OnAllocation(Action<ILifetime> observer) => _real.OnAllocation(observer);

    public IThreadHandle Spawn(string name, Func<Task> body) => _real.Spawn(name, body);

    public ValueTask<int> Choose(string name, int count) => _real.Choose(name, count);

    public ValueTask<bool> ChooseBool(string name) => _real.ChooseBool(name);

    public ValueTask Yield() => _real.Yield();

    public ValueTask SmpMb() => _real.SmpMb();

    public void SmpWmb() => _real.SmpWmb();

    public void SmpRmb() => _real.SmpRmb();

    public void MightSleep(string what) => _real.MightSleep(what);

    public NoSleepScope EnterNoSleep(string reason) => _real.EnterNoSleep(reason);

    public void Assert(bool condition, string message) => _real.Assert(condition, message);

    public bool WarnOn(bool condition, string message) => _real.WarnOn(condition, message);

    public void BugOn(bool condition, string message) => _real.BugOn(condition, message);

    public void ReportViolation(string invariant, string message, BugComponent component = BugComponent.Core) =>
        _real.ReportViolation(invariant, message, component);

    public void AddMonitor(string invariant, Func<string?> check, BugComponent component = BugComponent.Core,
        WatchSet? watches = null, Action<MonitorReads>? reads = null) => _real.AddMonitor(invariant, check, component, watches, reads);

    /// <summary>Our hot/cold monitor, judged by Coyote's liveness checking (<see cref="CoyoteLiveness"/>).</summary>
    public ILivenessMonitor NewLivenessMonitor(string property, BugComponent component = BugComponent.Core) => _liveness.NewMonitor(property);

    public void Annotate(string note)
    {
    }
}
