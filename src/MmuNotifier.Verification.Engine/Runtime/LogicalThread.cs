// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// One logical thread (a CPU) of a controlled run. It is also the ValueTask source behind every
/// access the thread awaits: awaiting parks the async continuation here, and the engine invokes
/// it when it schedules the thread. One object per thread, reused for every step, so a step
/// allocates nothing.
/// </summary>
internal sealed class LogicalThread : ControlledPrimitive, IThreadHandle,
    IValueTaskSource, IValueTaskSource<bool>, IValueTaskSource<int>, IValueTaskSource<long>
{
    private object?[] _slots = [];
    private Action<object?>? _continuation;
    private object? _continuationState;
    private short _token;

    public LogicalThread(ControlledRuntime runtime, int id, string name)
        : base(runtime, name, owner: null)
    {
        ThreadId = id;
        PopNoSleep = () => NoSleepReasons.RemoveAt(NoSleepReasons.Count - 1);
    }

    int IThreadHandle.Id => ThreadId;

    /// <summary>Index in the run's thread table; also the value of a thread decision.</summary>
    public int ThreadId { get; private set; }

    /// <summary>
    /// Makes this thread, left over from an earlier run of the same runtime, the new thread
    /// <paramref name="id"/> of the current run: every field back to what the constructor gives,
    /// except the allocations (slot table, lists, clock arrays), which are kept for reuse. The
    /// earlier run is over and nothing of it resumes: its parked continuation is dropped here, and
    /// the await token goes on counting, so an awaiter left over from that run never matches.
    /// </summary>
    public void Recycle(int id, string name)
    {
        ThreadId = id;
        Renew(name, owner: null);
        Body = null;
        IsCompleted = false;
        Target = null;
        UnawaitedTarget = null;
        IsLive = false;
        Kind = default;
        Phase = 0;
        _continuation = null;
        _continuationState = null;
        Arg1 = Arg2 = 0;
        Op = 0;
        ArgName = null;
        ArgObject = null;
        Sleeping = false;
        Ticket = 0;
        ResultBool = false;
        ResultInt = 0;
        ResultLong = 0;
        SpinLocksHeld.Clear();
        NoSleepReasons.Clear();
        HeldLocks.Clear();
        SrcuReadSections.Clear();
        LocksetVersion = 0;
        _lockset = null;
        _locksetVersion = -1;
        Clock.Reset();
        FenceRelease = null;
        PendingAcquire = null;
        ReleaseTickPending = false;
    }

    public Task? Body { get; set; }

    public bool IsCompleted { get; set; }

    // ---- the pending access: what the thread will do when next scheduled ----

    public ControlledPrimitive? Target { get; private set; }

    public AccessKind Kind { get; private set; }

    /// <summary>Multi-step accesses (a raw sleep: first go to sleep, then wake) keep their phase here.</summary>
    public int Phase { get; set; }

    public bool HasContinuation => _continuation is not null;

    // ---- arguments and results of the pending access ----

    public long Arg1 { get; set; }

    public long Arg2 { get; set; }

    public int Op { get; set; }

    public string? ArgName { get; set; }

    public object? ArgObject { get; set; }

    /// <summary>On a wait queue and not yet woken, or at a barrier whose round has not yet ended.</summary>
    public bool Sleeping { get; set; }

    public long Ticket { get; set; }

    public bool ResultBool { get; set; }

    public int ResultInt { get; set; }

    public long ResultLong { get; set; }

    // ---- context: atomic sections, held locks ----

    /// <summary>Spinlocks held: while positive the thread may not sleep.</summary>
    public List<ControlledPrimitive> SpinLocksHeld { get; } = [];

    public List<string> NoSleepReasons { get; } = [];

    /// <summary>lockdep's held_locks: locks and lock maps held, innermost last (kept only while lockdep is on).</summary>
    public List<Checking.HeldLock> HeldLocks { get; } = [];

    /// <summary>
    /// The SRCU read-side sections this thread has entered and not left (domain and the step of
    /// its srcu_read_lock), oldest first: lockdep tracks srcu_read_lock like a lock, so a thread
    /// that finishes inside one is reported as one that returns with a lock held.
    /// </summary>
    public List<(string Domain, int Index, int Step)> SrcuReadSections { get; } = [];

    public Action PopNoSleep { get; }

    /// <summary>Counts changes of <see cref="HeldLocks"/>, so the lockset text is rebuilt only when it changed.</summary>
    public int LocksetVersion { get; set; }

    private Lockset? _lockset;
    private int _locksetVersion = -1;

    /// <summary>The data-race detector's view of this thread: which events happen before its next one.</summary>
    public HappensBefore.VectorClock Clock { get; } = new();

    /// <summary>Weak memory: the clock at this thread's last release fence (smp_wmb, smp_mb); its later stores publish it.</summary>
    public HappensBefore.VectorClock? FenceRelease { get; set; }

    /// <summary>Weak memory: this step made a release store whose clock tick waits for the KCSAN check (ControlledRuntime.Lkmm).</summary>
    public bool ReleaseTickPending { get; set; }

    /// <summary>Weak memory: what the stores its marked loads read published, taken in at its next acquire fence (smp_rmb, smp_mb).</summary>
    public HappensBefore.VectorClock? PendingAcquire { get; set; }

    /// <summary>The lockset text of a thread that holds no lock (lockdep off: always).</summary>
    internal const string NoLocksText = "none";

    /// <summary>The locks held now, as a node of the runtime's tree of lock stacks; looked up once per change of the list, formatted only when printed.</summary>
    public Lockset CurrentLockset()
    {
        if (_locksetVersion == LocksetVersion && _lockset is not null) return _lockset;
        _locksetVersion = LocksetVersion;
        return _lockset = Lockset.Of(Runtime.LocksetRoot, HeldLocks);
    }

    /// <summary>The locks held, as traces and data-race reports print them.</summary>
    public string LocksetText() => CurrentLockset().Text;

    public short Token => _token;

    /// <summary>The state the pending access's awaiter registered (the awaiting method's state-machine box), for traces.</summary>
    public object? ContinuationState => _continuationState;

    /// <summary>The step in which the thread reached its pending access (0: before the first step).</summary>
    public int ParkedAt { get; private set; }

    /// <summary>Registers the access the thread is about to await.</summary>
    public void BeginAccess(ControlledPrimitive target, AccessKind kind)
    {
        Target = target;
        Kind = kind;
        Phase = 0;
        ParkedAt = Runtime.Steps;
        _token++;
    }

    /// <summary>
    /// An access the engine carried out before the thread awaited it (<see cref="ControlledRuntime.RunOn"/>),
    /// until the thread takes its result: a new access or the end of the segment before that means it never awaited it.
    /// </summary>
    public ControlledPrimitive? UnawaitedTarget { get; private set; }

    /// <summary>Run-on: the access is done before the thread has awaited it; its ValueTask is born complete.</summary>
    public void CompleteInline()
    {
        UnawaitedTarget = Target;
        Target = null;
    }

    /// <summary>
    /// Stopped at a scheduling point inside <see cref="ControlledRuntime.RunOn"/>, its chain of async
    /// methods still on the OS stack rather than parked: it may be chosen, and then goes on there.
    /// </summary>
    public bool IsLive { get; set; }

    /// <summary>The thread took the result of its access.</summary>
    public void Consumed() => UnawaitedTarget = null;

    /// <summary>
    /// The access is fully described (the primitive has set its arguments): the last moment
    /// before its ValueTask is made, so where the engine may carry it out at once.
    /// </summary>
    public short Commit()
    {
        Runtime.RunOn(this);
        return _token;
    }

    /// <summary>Called by the engine just before resuming: the access is done.</summary>
    public (Action<object?> Continuation, object? State) TakeContinuation()
    {
        var continuation = _continuation!;
        var state = _continuationState;
        _continuation = null;
        _continuationState = null;
        Target = null;
        return (continuation, state);
    }

    /// <summary>The thread's slot for values of type <typeparamref name="T"/>; <paramref name="index"/> is <see cref="SlotType{T}.Index"/>.</summary>
    public ResultSlot<T> Slot<T>(int index)
    {
        if (index >= _slots.Length) Array.Resize(ref _slots, index + 4);
        // Slot i only ever holds a ResultSlot of the type that index i was allocated for: no checked cast needed.
        return Unsafe.As<ResultSlot<T>>(_slots[index] ??= new ResultSlot<T>(this));
    }

    // ---- the join access: other threads wait for this one to finish ----

    public ValueTask Join() => Runtime.Join(this);

    // A thread parked at its own start (spawn as a scheduling point) may always start.
    public override bool IsEnabled(LogicalThread thread, AccessKind kind) => kind == AccessKind.Spawn || IsCompleted;

    public override bool Execute(LogicalThread thread, AccessKind kind) => true;

    public override string DescribeWait(LogicalThread thread, AccessKind kind) => $"join {Name} (still running)";

    /// <summary>Spawn as a scheduling point: the continuation the engine resumes is the start of the body.</summary>
    public void ParkAtStart(Action<object?> start)
    {
        _continuation = start;
        _continuationState = null;
    }

    // ---- IValueTaskSource plumbing ----

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        if (token != _token || _continuation is not null)
            Runtime.MisusedAwait(this);
        _continuation = continuation;
        _continuationState = state;
    }

    public ValueTaskSourceStatus GetStatus(short token) =>
        token == _token && Target is not null ? ValueTaskSourceStatus.Pending : ValueTaskSourceStatus.Succeeded;

    void IValueTaskSource.GetResult(short token) => Consumed();

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        Consumed();
        return ResultBool;
    }

    int IValueTaskSource<int>.GetResult(short token)
    {
        Consumed();
        return ResultInt;
    }

    long IValueTaskSource<long>.GetResult(short token)
    {
        Consumed();
        return ResultLong;
    }

    public ValueTask AsValueTask() => new(this, Commit());

    public ValueTask<bool> AsBoolTask() => new(this, Commit());

    public ValueTask<int> AsIntTask() => new(this, Commit());

    public ValueTask<long> AsLongTask() => new(this, Commit());
}
