// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Primitives;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// The controlled runtime: all mutable state of one run (threads, schedule, bugs) and the
/// factory for controlled primitives. One instance per exploring OS thread, reset for each run;
/// every logical thread of a run is resumed on that one OS thread, one step at a time.
/// </summary>
internal sealed partial class ControlledRuntime : IRuntime, IPendingAccessView, ILockdepReporter
{
    private readonly List<LogicalThread> _threads = [];
    /// <summary>Every thread object made so far, by thread number: run n's thread i is reused as run n+1's thread i.</summary>
    private readonly List<LogicalThread> _recycledThreads = [];
    private readonly List<Decision> _decisions = [];
    private readonly List<Bug> _bugs = [];
    private readonly List<Monitor> _monitors = [];
    private readonly List<Monitor> _monitorPool = [];
    private int _monitorBits;
    private bool _readsBaselinePending;
    private readonly List<Action<ILifetime>> _allocationObservers = [];
    private readonly ChoicePoint _choicePoint;
    private readonly YieldPoint _yieldPoint;
    private int[] _enabled = new int[8];
    private int _osThreadId;
    private LogicalThread? _current;
    /// <summary>The thread whose segment a step is running, when it may run on (<see cref="RunOn"/>).</summary>
    private LogicalThread? _segmentThread;
    private bool _runOnAllowed;

    /// <summary>
    /// Whether a thread may run on through its scheduling points (<see cref="RunOn"/>); on by
    /// default. Off, every step is a round trip through the loop: the same schedules, slower; the
    /// switch is there so tests and benchmarks can compare the two.
    /// </summary>
    internal bool RunsOn { get; set; } = true;

    /// <summary>
    /// Whether a running-on thread whose scheduling point picks a parked thread resumes it right
    /// there, on top of its own stack (<see cref="RunOn"/>); on by default. Off, it parks and the
    /// loop resumes the other: the same schedules, with twice the parking and resuming.
    /// </summary>
    internal bool NestsRuns { get; set; } = true;
    /// <summary>The next thread, when a running-on thread's scheduling point decided it; -1 otherwise.</summary>
    private int _decided = -1;
    /// <summary>Threads resumed inside other threads' scheduling points, on this OS stack now (<see cref="RunOn"/>).</summary>
    private int _nesting;

    /// <summary>
    /// How many threads' chains may be live on the OS stack at once, one on top of the other; past
    /// that a running-on thread parks as without nesting. Each level holds a whole chain of the
    /// model's async methods, so a run with many threads must not grow the stack with their number.
    /// </summary>
    internal const int MaxNesting = 8;

    /// <summary>Segments of this run resumed nested in another thread's scheduling point (tests: the nesting happened).</summary>
    internal long NestedSegments { get; private set; }

    /// <summary>The deepest nesting of this run (tests: the bound was reached and held).</summary>
    internal int DeepestNesting { get; private set; }
    /// <summary>The access of the latest step, and whether that step's end (the invariants) is done.</summary>
    private ControlledPrimitive? _stepTarget;
    private bool _stepEnded = true;
    private IStrategy _strategy = null!;
    private int _maxSteps;
    private int _step;
    private int _objectIds;
    private bool _stopped;
    private ulong _scheduleHash;

    public ControlledRuntime()
    {
        _choicePoint = new ChoicePoint(this);
        _yieldPoint = new YieldPoint(this);
        _namesByText = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool IsControlled => true;

    public string CurrentThreadName => _current?.Name ?? "(engine)";

    // ---- results of the last run ----

    public IReadOnlyList<Bug> Bugs => _bugs;

    public IReadOnlyList<Decision> Decisions => _decisions;

    public int Steps => _step;

    /// <summary>FNV-1a over the decisions: tells distinct schedules apart.</summary>
    public ulong ScheduleHash => _scheduleHash;

    public bool HitStepBound { get; private set; }

    internal LogicalThread Current => _current ?? throw new InvalidOperationException("No logical thread is running.");

    internal int NextObjectId() => _objectIds++;

    // ---- factories ----
    // Each renews the primitive the previous run made at the same place when it can (Recycling).

    public ISpinLock NewSpinLock(PrimitiveName name, ILifetime? owner = null, string classFile = "", int classLine = 0)
    {
        var text = Intern(name);
        var lockClass = LockClassFor(classFile, classLine, text);
        return Reusable<ControlledSpinLock>()?.Recycle(text, Own(owner), lockClass)
            ?? Kept(new ControlledSpinLock(this, text, Own(owner), lockClass));
    }

    public IMutex NewMutex(PrimitiveName name, ILifetime? owner = null, string classFile = "", int classLine = 0)
    {
        var text = Intern(name);
        var lockClass = LockClassFor(classFile, classLine, text);
        return Reusable<ControlledMutex>()?.Recycle(text, Own(owner), lockClass)
            ?? Kept(new ControlledMutex(this, text, Own(owner), lockClass));
    }

    public IRwSemaphore NewRwSemaphore(PrimitiveName name, ILifetime? owner = null, string classFile = "", int classLine = 0)
    {
        var text = Intern(name);
        var lockClass = LockClassFor(classFile, classLine, text);
        return Reusable<ControlledRwSemaphore>()?.Recycle(text, Own(owner), lockClass)
            ?? Kept(new ControlledRwSemaphore(this, text, Own(owner), lockClass));
    }

    public IWaitQueue NewWaitQueue(PrimitiveName name, ILifetime? owner = null)
    {
        var text = Intern(name);
        return Reusable<ControlledWaitQueue>()?.Recycle(text, Own(owner)) ?? Kept(new ControlledWaitQueue(this, text, Own(owner)));
    }

    public ISrcu NewSrcu(PrimitiveName name)
    {
        var text = Intern(name);
        return Reusable<ControlledSrcu>()?.Recycle(text) ?? Kept(new ControlledSrcu(this, text));
    }

    public ICell<T> NewCell<T>(PrimitiveName name, T initial, ILifetime? owner = null)
    {
        var text = Intern(name);
        return Reusable<ControlledCell<T>>()?.Recycle(text, initial, Own(owner)) ?? Kept(new ControlledCell<T>(this, text, initial, Own(owner)));
    }

    public IAtomic NewAtomic(PrimitiveName name, long initial, ILifetime? owner = null)
    {
        var text = Intern(name);
        return Reusable<ControlledAtomic>()?.Recycle(text, initial, Own(owner)) ?? Kept(new ControlledAtomic(this, text, initial, Own(owner)));
    }

    public ILockMap NewLockMap(PrimitiveName name, string classFile = "", int classLine = 0)
    {
        var text = Intern(name);
        return new ControlledLockMap(this, text, LockClassFor(classFile, classLine, text));
    }

    public IBarrier NewBarrier(PrimitiveName name, int parties) => new ControlledBarrier(this, Intern(name), parties);

    public ILifetime NewLifetime(PrimitiveName name)
    {
        var text = Intern(name);
        var lifetime = Reusable<ControlledLifetime>()?.Recycle(text) ?? Kept(new ControlledLifetime(this, text));
        foreach (var observer in _allocationObservers) observer(lifetime);
        return lifetime;
    }

    public void OnAllocation(Action<ILifetime> observer) => _allocationObservers.Add(observer);

    public ValueTask<int> Choose(string name, int count) => _choicePoint.Choose(name, count);

    public ValueTask<bool> ChooseBool(string name) => _choicePoint.ChooseBool(name);

    public ValueTask Yield() => _yieldPoint.Yield();

    internal ValueTask Join(LogicalThread target)
    {
        var thread = Begin(target, AccessKind.Join);
        return thread.AsValueTask();
    }

    private static ControlledLifetime? Own(ILifetime? owner) => owner switch
    {
        null => null,
        ControlledLifetime controlled => controlled,
        _ => throw new ArgumentException("A controlled primitive can only live in a lifetime made by the same runtime.", nameof(owner)),
    };

    /// <summary>
    /// Registers the access the current thread is about to await. Every controlled primitive
    /// goes through here, so this is where escapes from control are caught.
    /// </summary>
    internal LogicalThread Begin(ControlledPrimitive target, AccessKind kind)
    {
        if (Environment.CurrentManagedThreadId != _osThreadId)
        {
            throw new InvalidOperationException(
                $"'{target.Name}' was accessed from an OS thread the engine does not control: the model awaited something uncontrolled.");
        }

        if (_stopped) throw new ExecutionStoppedException();
        var thread = Current;
        if ((thread.Target ?? thread.UnawaitedTarget) is { } unawaited)
        {
            StopWith(BugKind.HarnessError,
                $"{thread.Name} started {kind.Render()} {target.Name} while {thread.Kind.Render()} {unawaited.Name} was not yet awaited",
                component: BugComponent.Harness);
        }

        thread.BeginAccess(target, kind);
        return thread;
    }

    public PendingAccess GetPending(int threadId)
    {
        var thread = _threads[threadId];
        return thread.Target is null
            ? new PendingAccess(AccessKind.Yield, "(none)", -1)
            : new PendingAccess(thread.Kind, thread.Target.Name, thread.Target.Id, thread.Target.DeclaredReads(thread, thread.Kind),
                thread.Target.Owner?.Id ?? -1, thread.Target.DecidesAtPark(thread.Kind));
    }
}
