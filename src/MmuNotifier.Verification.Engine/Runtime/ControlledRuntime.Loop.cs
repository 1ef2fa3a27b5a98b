// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Runtime;

internal sealed partial class ControlledRuntime
{
    /// <summary>
    /// Runs <paramref name="body"/> once under <paramref name="strategy"/>: the scheduling loop.
    /// Each turn computes the enabled threads, lets the strategy pick one, carries out that
    /// thread's pending access and resumes it until it blocks on its next access.
    /// </summary>
    public void Run(Func<IRuntime, Task> body, IStrategy strategy, int maxSteps)
    {
        // The engine resumes every continuation itself. A caller's synchronization context (a
        // test framework's, a UI's) would otherwise be captured by the pooled async state
        // machines of the models, which post their continuations to it instead of running them.
        // Likewise the caller's execution context (an AsyncLocal of the CLI or a test framework):
        // flowing, every await of the models would capture it and every resumption would switch
        // to it and back, a cost per step for state the models never read.
        var callerContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        var flow = ExecutionContext.IsFlowSuppressed() ? default(AsyncFlowControl?) : ExecutionContext.SuppressFlow();
        try
        {
            RunLoop(body, strategy, maxSteps);
        }
        finally
        {
            _recycling = false;
            flow?.Undo();
            SynchronizationContext.SetSynchronizationContext(callerContext);
        }
    }

    private void RunLoop(Func<IRuntime, Task> body, IStrategy strategy, int maxSteps)
    {
        Reset(strategy, maxSteps);
        Spawn(IRuntime.MainThreadName, () => body(this));
        if (IsTracing) RecordSetupStep();
        _stepObserver?.RunStarted(ParkedThreads());
        var previous = -1;
        while (!_stopped)
        {
            // A thread that ran on through its scheduling points may have made the next decision already.
            var chosen = _decided;
            _decided = -1;
            if (chosen < 0 && (chosen = Decide(previous)) < 0) break;
            if (_stepObserver is null)
            {
                Step(_threads[chosen]);
            }
            else
            {
                ObservedStep(_threads[chosen]);
                if (_liveness.Count > 0 && !_stopped) CheckLivenessTemperature();
            }

            previous = chosen;
        }

        _stepObserver?.RunEnded(ParkedThreads(), _stopped ? _enabled.AsSpan(0, CollectEnabled()).ToArray() : []);
    }

    /// <summary>
    /// One scheduling decision: computes the enabled threads and lets the strategy pick one.
    /// Returns the thread chosen (recorded in the schedule), or -1 when the run is over: every
    /// thread finished, a deadlock, the step bound, or a strategy that went off its path.
    /// </summary>
    private int Decide(int previous)
    {
        var enabledCount = CollectEnabled();
        _fingerprints?.Record(this, _threads, _enabled.AsSpan(0, enabledCount));
        if (enabledCount == 0)
        {
            if (_threads.Exists(t => !t.IsCompleted)) ReportDeadlock();
            else if (_liveness.Count > 0) LivenessAtEnd();
            return -1;
        }

        if (_step >= _maxSteps)
        {
            HitStepBound = true;
            StopWith(BugKind.StepBoundExceeded,
                $"exceeded max-steps ({_maxSteps}): possible livelock or unfair schedule (a spin loop with no blocking?)");
            return -1;
        }

        int chosen;
        try
        {
            chosen = _strategy.NextThread(new SchedulingView(_enabled.AsSpan(0, enabledCount), previous, _step, this));
        }
        catch (ReplayDivergenceException divergence)
        {
            Diverged(divergence);
            return -1;
        }

        if ((uint)chosen >= (uint)_threads.Count || !_enabled.AsSpan(0, enabledCount).Contains(chosen))
        {
            StopWith(BugKind.HarnessError, $"strategy {_strategy.Name} chose thread {chosen}, which is not enabled",
                component: BugComponent.Harness);
            return -1;
        }

        RecordDecision(Decision.Thread(chosen));
        return chosen;
    }

    private void Reset(IStrategy strategy, int maxSteps)
    {
        _stepObserver = strategy as IStepObserver;
        _osThreadId = Environment.CurrentManagedThreadId;
        _strategy = strategy;
        _maxSteps = maxSteps;
        _threads.Clear();
        _decisions.Clear();
        _bugs.Clear();
        _knownRacesSeen.Clear();
        _monitors.Clear();
        _monitorBits = 0;
        _readsBaselinePending = false;
        _liveness.Clear();
        _allocationObservers.Clear();
        _current = null;
        _segmentThread = null;
        _decided = -1;
        _nesting = 0;
        _stepTarget = null;
        _stepEnded = true;
        _step = 0;
        _objectIds = 2;
        _stopped = false;
        _scheduleHash = 14695981039346656037UL;
        HitStepBound = false;
        _lockOrder.BeginRun();
        _coverage?.Clear();
        ResetLkmm();
        ResetTracing();
        _runOnAllowed = RunsOnUnder(strategy);
        _recycling = RecyclesUnder(strategy);
        BeginRecyclingRun();
        NestedSegments = 0;
        DeepestNesting = 0;
    }

    /// <summary>
    /// Whether threads run on through their scheduling points under <paramref name="strategy"/>.
    /// Running on needs a step's end to be the thread's next scheduling point, not its parking:
    /// a reducing strategy is told about each step as a whole, and a trace records where the
    /// thread is parked (its state machine), so both keep every step a round trip through the loop.
    /// </summary>
    internal bool RunsOnUnder(IStrategy strategy) => RunsOn && strategy is not IStepObserver && !IsTracing;

    private int CollectEnabled()
    {
        if (_enabled.Length < _threads.Count) Array.Resize(ref _enabled, _threads.Count * 2);
        var count = 0;
        var threads = _threads;
        for (var i = 0; i < threads.Count; i++)
        {
            var thread = threads[i];
            var target = thread.Target;
            if (target is not null && (thread.HasContinuation || thread.IsLive) && target.IsEnabled(thread, thread.Kind))
                _enabled[count++] = i;
        }

        return count;
    }

    private void Step(LogicalThread thread)
    {
        if (!BeginStep(thread, out var done)) return;
        if (done)
        {
            // A step may run nested in another thread's scheduling point (RunOn): that thread's segment goes on after it.
            var outer = _segmentThread;
            _segmentThread = _runOnAllowed ? thread : null;
            try
            {
                Resume(thread);
            }
            finally
            {
                _segmentThread = outer;
            }
        }

        if (!_stepEnded) EndStep();
    }

    /// <summary>
    /// Carries out <paramref name="thread"/>'s pending access, the first half of a step. False
    /// when that stopped the run; otherwise <paramref name="done"/> says whether the thread may
    /// go on or stays blocked on the access.
    /// </summary>
    private bool BeginStep(LogicalThread thread, out bool done)
    {
        done = false;
        _current = thread;
        _step++;
        var target = thread.Target!;
        _stepTarget = target;
        _stepEnded = false;
        var record = IsTracing ? BeginStepRecord(thread) : null;
        if (_readsBaselinePending) TakeReadsBaselines();
        if (target.Owner is { IsFreed: true } owner)
        {
            if (record is not null) _stepRecords!.Add(new StepRecord(_step, thread.ThreadId, thread.Name, thread.Kind, target.Name, "(freed memory)", record,
                LockdepOn ? thread.LocksetText() : null, StepFunction.Of(thread.ContinuationState)));
            StopWith(BugKind.UseAfterFree, $"{thread.Name}: {thread.Kind.Render()} {target.Name} after {owner.Name} was freed ({owner.FreedAt})");
            return false;
        }

        try
        {
            done = target.Execute(thread, thread.Kind);
        }
        catch (ReplayDivergenceException divergence)
        {
            Diverged(divergence);
            return false;
        }

        if (ClocksOn) KcsanAfterStep(thread, target, done);
        if (LkmmOn) LkmmAfterStep(thread, done);
        if (record is not null) CompleteStepRecord(record, thread, target, done);
        return !_stopped;
    }

    /// <summary>The second half of a step, once the thread has run up to its next scheduling point: the invariants.</summary>
    private void EndStep()
    {
        _stepEnded = true;
        if (_monitors.Count > 0 && !_stopped) RunMonitors(_stepTarget!);
        // A reducing strategy's loop checks liveness after telling the strategy about the step.
        if (_liveness.Count > 0 && !_stopped && _stepObserver is null) CheckLivenessTemperature();
    }

    /// <summary>
    /// Run-on: the thread whose segment <see cref="Step"/> is running has described its next
    /// access (the primitive is about to hand it the ValueTask). Its step ends here, and the next
    /// decision is made here rather than after the thread has parked; when the strategy picks the
    /// same thread again and the access can be carried out, it is, and the ValueTask the thread
    /// awaits is already complete, so its async methods go on without suspending.
    /// <para>
    /// When the strategy picks a parked thread, that thread is resumed here, on top of this one
    /// (nesting): this thread stays live at its scheduling point instead of parking, and if it is
    /// picked again later it goes on without ever having parked. A pick of a thread live further
    /// down the stack parks this one (and those between) down to it. A switch so costs one thread
    /// parking or one resuming, not both; measured on kvm-faults it halves the resumptions.
    /// </para>
    /// The schedule is the one the loop would make: the same checks and decisions in the same
    /// order; what is saved is parking and resuming the threads' chains of state machines.
    /// </summary>
    internal void RunOn(LogicalThread thread)
    {
        if (!ReferenceEquals(thread, _segmentThread) || _stopped) return;
        EndStep();
        thread.IsLive = true;
        try
        {
            var previous = thread.ThreadId;
            while (!_stopped)
            {
                var chosen = _decided;
                _decided = -1;
                if (chosen < 0 && (chosen = Decide(previous)) < 0) return;
                previous = chosen;
                if (chosen == thread.ThreadId)
                {
                    if (!BeginStep(thread, out var done)) return;
                    if (done)
                    {
                        thread.CompleteInline();
                        return;
                    }

                    // Blocked on the access after all (it went to sleep): that step is over too.
                    EndStep();
                    continue;
                }

                var other = _threads[chosen];
                if (other.IsLive || _nesting >= MaxNesting || !NestsRuns)
                {
                    // Live further down this OS stack (or the stack is deep enough): park, down to it or to the loop.
                    _decided = chosen;
                    return;
                }

                _nesting++;
                NestedSegments++;
                if (_nesting > DeepestNesting) DeepestNesting = _nesting;
                try
                {
                    Step(other);
                }
                finally
                {
                    _nesting--;
                }
            }
        }
        finally
        {
            thread.IsLive = false;
        }
    }

    /// <summary>The strategy (replay, or DFS re-walking its prefix) found the model off its recorded path.</summary>
    private void Diverged(ReplayDivergenceException divergence) =>
        StopWith(BugKind.ReplayDivergence, divergence.Message, component: BugComponent.Harness);

    private void Resume(LogicalThread thread)
    {
        var (continuation, state) = thread.TakeContinuation();
        continuation(state);
        AfterSegment(thread);
    }

    /// <summary>
    /// A thread's segment has returned control: it must now be parked at a controlled access or
    /// be finished. Anything else means it awaited something the engine does not control.
    /// </summary>
    private void AfterSegment(LogicalThread thread)
    {
        if (thread.HasContinuation || _stopped) return;
        if ((thread.Target ?? thread.UnawaitedTarget) is { } unawaited)
        {
            StopWith(BugKind.HarnessError,
                $"{thread.Name} started {thread.Kind.Render()} {unawaited.Name} but did not await it",
                component: BugComponent.Harness);
            return;
        }

        var body = thread.Body!;
        if (body.IsCompleted)
        {
            thread.IsCompleted = true;
            if (body.Exception?.InnerException is { } error and not ExecutionStoppedException)
            {
                StopWith(BugKind.UnhandledException, $"{thread.Name}: {error.GetType().Name}: {error.Message}",
                    thread: thread.Name);
            }
            else if (body.IsCompletedSuccessfully)
            {
                LockdepThreadExit(thread);
            }

            return;
        }

        StopWith(BugKind.HarnessError,
            $"{thread.Name} awaited something the engine does not control (Task.Delay, Task.Run, a real lock, a task completed elsewhere ...)",
            component: BugComponent.Harness);
    }

    public IThreadHandle Spawn(string name, Func<Task> body)
    {
        if (_osThreadId != Environment.CurrentManagedThreadId)
            throw new InvalidOperationException($"Spawn({name}) from an OS thread the engine does not control.");
        if (_stopped) throw new ExecutionStoppedException();
        var thread = NewThread(_threads.Count, name);
        _threads.Add(thread);
        if (IsTracing && _current is not null) Annotate($"spawn {name}");

        var parent = _current;
        KcsanSpawned(thread, parent);
        if (SpawnPoint && parent is not null)
        {
            ParkUnstarted(thread, body);
            return thread;
        }

        // The child runs eagerly up to its first scheduling point: code before it touches nothing
        // shared, so running it now or later is indistinguishable and saves a decision.
        _current = thread;
        try
        {
            StartBody(thread, body);
        }
        finally
        {
            _current = parent;
        }

        AfterSegment(thread);
        return thread;
    }

    /// <summary>
    /// Thread <paramref name="id"/> of this run: the object of the same number from an earlier run
    /// when there is one (<see cref="LogicalThread.Recycle"/>), so a schedule allocates no thread,
    /// slot table, lists or clock that the previous schedule already had.
    /// </summary>
    private LogicalThread NewThread(int id, string name)
    {
        if (id < _recycledThreads.Count)
        {
            var thread = _recycledThreads[id];
            thread.Recycle(id, name);
            return thread;
        }

        var fresh = new LogicalThread(this, id, name);
        _recycledThreads.Add(fresh);
        return fresh;
    }

    /// <summary>Runs a thread's body up to its first scheduling point (or to its end).</summary>
    private static void StartBody(LogicalThread thread, Func<Task> body)
    {
        try
        {
            thread.Body = body();
        }
        catch (ExecutionStoppedException)
        {
            thread.Body = Task.CompletedTask;
        }
        catch (Exception error)
        {
            thread.Body = Task.FromException(error);
        }
    }

    private void RecordDecision(Decision decision)
    {
        _decisions.Add(decision);
        var value = decision.Kind == DecisionKind.Thread ? (ulong)decision.Value : 0x8000_0000UL | (uint)decision.Value;
        _scheduleHash = (_scheduleHash ^ value) * 1099511628211UL;
    }

    /// <summary>Asks the strategy for a choice value and records it in the schedule.</summary>
    internal int NextChoice(int count)
    {
        var value = _strategy.NextChoice(count);
        if ((uint)value >= (uint)count)
            throw new ReplayDivergenceException($"choice value {value} is outside [0, {count})");
        RecordDecision(Decision.Choice(value));
        return value;
    }

    private void ReportDeadlock()
    {
        var blocked = _threads
            .Where(t => !t.IsCompleted)
            .Select(t => t.Target is null ? $"{t.Name} (not parked)" : $"{t.Name} ({t.Target.DescribeWait(t, t.Kind)})");
        StopWith(BugKind.Deadlock, "deadlock! blocked threads: " + string.Join(", ", blocked), thread: "(all)");
    }
}
