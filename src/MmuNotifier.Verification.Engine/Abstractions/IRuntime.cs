// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// Everything model code may use to be concurrent. Two implementations exist: the controlled
/// runtime, where the exploration engine decides every interleaving, and the real runtime, where
/// logical threads are OS threads with real locks (a plain stress test, the baseline to beat).
/// Model code awaits nothing but what this interface hands out.
/// </summary>
public interface IRuntime
{
    /// <summary>The name of the thread that runs a program's body, which spawns every other thread.</summary>
    public const string MainThreadName = "main";

    /// <summary>True under the exploration engine, false under real threads.</summary>
    bool IsControlled { get; }

    /// <summary>
    /// True while steps are being recorded for a readable trace. Model code that builds
    /// annotation strings should test it first, so exploration does not pay for formatting.
    /// </summary>
    bool IsTracing { get; }

    /// <summary>
    /// True while the exploration records which coverage probes each schedule reaches. A probe
    /// tests it before calling <see cref="Reach"/>, so with coverage off a probe costs one test.
    /// </summary>
    bool RecordsCoverage => false;

    /// <summary>Records that this schedule reached the probe <paramref name="site"/> (see docs/coverage.md).</summary>
    void Reach(Coverage.CoverageSite site)
    {
    }

    // Every factory takes its name as a PrimitiveName: a string, or an interpolated string that a
    // runtime keeping names (Intern) turns into the string it made for the same text before.

    /// <summary>
    /// The string for <paramref name="name"/>: under the controlled runtime the one made for the
    /// same text earlier (a world names the same things in every schedule), otherwise a new one.
    /// For models that keep a name of their own to build primitives' names from.
    /// </summary>
    string Intern(PrimitiveName name) => name.ToString();

    // The lock factories take their caller's file and line: locks made at one site are one lockdep
    // class, as the kernel keys a class by its init site. Callers never pass them.

    ISpinLock NewSpinLock(PrimitiveName name, ILifetime? owner = null,
        [CallerFilePath] string classFile = "", [CallerLineNumber] int classLine = 0);

    IMutex NewMutex(PrimitiveName name, ILifetime? owner = null,
        [CallerFilePath] string classFile = "", [CallerLineNumber] int classLine = 0);

    IRwSemaphore NewRwSemaphore(PrimitiveName name, ILifetime? owner = null,
        [CallerFilePath] string classFile = "", [CallerLineNumber] int classLine = 0);

    IWaitQueue NewWaitQueue(PrimitiveName name, ILifetime? owner = null);

    ISrcu NewSrcu(PrimitiveName name);

    ICell<T> NewCell<T>(PrimitiveName name, T initial, ILifetime? owner = null);

    IAtomic NewAtomic(PrimitiveName name, long initial, ILifetime? owner = null);

    ILockMap NewLockMap(PrimitiveName name, [CallerFilePath] string classFile = "", [CallerLineNumber] int classLine = 0);

    /// <summary>A reusable barrier for <paramref name="parties"/> threads (pthread_barrier_t).</summary>
    IBarrier NewBarrier(PrimitiveName name, int parties);

    /// <summary>A new live allocation (kmalloc). Free it with <see cref="ILifetime.Free"/>.</summary>
    ILifetime NewLifetime(PrimitiveName name);

    /// <summary>
    /// Calls <paramref name="observer"/> with every allocation <see cref="NewLifetime"/> makes from
    /// now on in this run, one call at a time, so an end-of-run check can list what leaked.
    /// </summary>
    void OnAllocation(Action<ILifetime> observer);

    /// <summary>Starts a logical thread. It runs until its first scheduling point before the caller continues.</summary>
    IThreadHandle Spawn(string name, Func<Task> body);

    /// <summary>A controlled nondeterministic choice in [0, count), recorded in the schedule.</summary>
    ValueTask<int> Choose(string name, int count);

    /// <summary>A controlled coin flip (fault injection: allocation fails, trylock fails ...).</summary>
    ValueTask<bool> ChooseBool(string name);

    /// <summary>A scheduling point with no effect (cond_resched / cpu_relax).</summary>
    ValueTask Yield();

    /// <summary>
    /// smp_mb(): a full memory barrier. Under sequential consistency it does nothing and is no
    /// scheduling point; under the weak-memory mode (<see cref="MemoryModel.Lkmm"/>) it is one.
    /// </summary>
    ValueTask SmpMb();

    /// <summary>smp_wmb(): orders this thread's earlier stores before its later ones (weak-memory mode only).</summary>
    void SmpWmb();

    /// <summary>smp_rmb(): orders this thread's earlier loads before its later ones (weak-memory mode only).</summary>
    void SmpRmb();

    /// <summary>
    /// might_sleep(): reports sleep-in-atomic if the current thread holds a spinlock or is inside
    /// a <see cref="EnterNoSleep"/> region. Sleeping primitives call it themselves.
    /// </summary>
    void MightSleep(string what);

    /// <summary>
    /// Marks the current thread as unable to sleep until the returned scope is disposed, with a
    /// reason that appears in the report (e.g. "non-blockable invalidation").
    /// </summary>
    NoSleepScope EnterNoSleep(string reason);

    /// <summary>Fails the run (kind Assertion) when <paramref name="condition"/> is false.</summary>
    void Assert(bool condition, string message);

    /// <summary>WARN_ON: reports when <paramref name="condition"/> is true, lets the run go on, returns the condition.</summary>
    bool WarnOn(bool condition, string message);

    /// <summary>BUG_ON: reports and stops the run when <paramref name="condition"/> is true.</summary>
    void BugOn(bool condition, string message);

    /// <summary>Reports a named invariant violation and stops the run.</summary>
    void ReportViolation(string invariant, string message, BugComponent component = BugComponent.Core);

    /// <summary>
    /// Registers a safety monitor: it returns null while the invariant holds, or a message
    /// describing the violation. Without <paramref name="watches"/> it runs after every step. With
    /// them, the controlled runtime runs it only after a step whose scheduling-point object is in
    /// the set or lives in an allocation (<see cref="ILifetime"/>) that is; the set is read live, so
    /// a monitor may add objects as the model allocates them. Monitors sharing one set instance
    /// cost one lookup per step. The real runtime runs every monitor at every safepoint.
    /// <para>
    /// A monitor without watches should declare what it reads: <paramref name="reads"/> adds every
    /// value <paramref name="check"/> depends on (plain memory included) to the list it is given.
    /// It still runs after every step, but partial-order reduction treats a step as changing what
    /// the monitor sees only when that list changed (<see cref="MonitorReads"/>). A monitor with
    /// neither is taken to see a change after every step (sound, but it orders every step). A
    /// watched monitor may declare reads too: it then runs after watched steps only, and of those
    /// only the ones that changed its reads count as changing what it sees.
    /// </para>
    /// </summary>
    void AddMonitor(string invariant, Func<string?> check, BugComponent component = BugComponent.Core,
        WatchSet? watches = null, Action<MonitorReads>? reads = null);

    /// <summary>
    /// A liveness monitor (Coyote's hot/cold monitors): model code calls
    /// <see cref="ILivenessMonitor.Hot"/> when a progress obligation starts ("this fault must
    /// eventually map its page") and <see cref="ILivenessMonitor.Cold"/> when it is met. The
    /// controlled runtime reports <see cref="BugKind.Liveness"/> when a run ends with a monitor hot,
    /// and under a fair strategy when one stays hot past the liveness threshold or up to the step
    /// bound (docs/engine.md). Runtimes that cannot judge liveness (real threads) keep the state only.
    /// </summary>
    ILivenessMonitor NewLivenessMonitor(string property, BugComponent component = BugComponent.Core) => new LivenessMonitor(property);

    /// <summary>
    /// Attaches a kernel-level note to the current step of a recorded trace (e.g.
    /// "mn_itree_inv_start_range: invalidate_seq 2 -> 3"). Ignored unless <see cref="IsTracing"/>.
    /// </summary>
    void Annotate(string note);

    /// <summary>Name of the logical thread running now.</summary>
    string CurrentThreadName { get; }
}
