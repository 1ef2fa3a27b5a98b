// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using System.Text;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

// Models the hung-task detector: a run that does not finish in time is reported with what every CPU is blocked on.
public sealed partial class RealRuntime
{
    private int _runStarted;

    /// <summary>
    /// Runs <paramref name="body"/> on a thread named "main", waits for every thread it (transitively)
    /// spawned, and returns what was found. A run that hangs is reported by the watchdog and abandoned:
    /// its threads are background threads and unwind at their next wait slice.
    /// </summary>
    public RealRunResult Run(Func<IRuntime, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Interlocked.Exchange(ref _runStarted, 1) != 0)
            throw new InvalidOperationException("a RealRuntime runs one test body; create a fresh one per iteration");

        var clock = Stopwatch.StartNew();
        SpawnThread(IRuntime.MainThreadName, () => body(this));
        bool finished = _scheduler is null ? Watch(clock) : AwaitScheduled();
        // Once every thread has returned the state is quiescent: a last, exact monitor check.
        if (finished && !_stopped && _hasMonitors) RunMonitors(unwind: false, "end-of-run");
        return new RealRunResult(Bugs, Operations, clock.Elapsed, Abandoned: !finished);
    }

    internal RealThread SpawnThread(string name, Func<Task> body)
    {
        RealThread thread;
        lock (_gate)
        {
            thread = new RealThread(this, Interlocked.Increment(ref _nextThreadId), name, counted: true);
            _threads.Add(thread);
            _live++;
        }

        // Background: a run the watchdog abandons must never keep the process alive.
        object? token = _scheduler?.CreateThread(name);
        var os = new Thread(() => ThreadMain(thread, body, token)) { IsBackground = true, Name = name };
        os.Start();
        if (_scheduler is not null) AwaitFirstPoint(thread);
        return thread;
    }

    private void ThreadMain(RealThread thread, Func<Task> body, object? token)
    {
        RealThread.Attach(thread);
        // A stress run's threads are ours alone; under a scheduler (Coyote's) the context is left as it is.
        var escapes = _scheduler is null ? new EscapeWatch() : null;
        if (escapes is not null) SynchronizationContext.SetSynchronizationContext(escapes);
        try
        {
            _scheduler?.ThreadStarted(token);
            Resume(thread);
            Task task;
            try
            {
                task = body();
            }
            catch (Exception e)
            {
                task = Task.FromException(e);
            }

            // Every real primitive completes before returning, so a body still pending here awaited
            // something outside the runtime (Task.Delay, Task.Yield, a real Task ...). A continuation
            // scheduled elsewhere may also have finished it already (a pool thread ran it while this
            // one was preempted): the continuation went through this thread's context, which saw it.
            if (!task.IsCompleted || escapes?.Escaped == true)
            {
                Report(BugKind.HarnessError,
                    $"thread {thread.Name} awaited something the runtime does not control; model code may await only runtime primitives",
                    fatal: true, component: BugComponent.Harness);
            }

            if (task.IsFaulted && task.Exception!.InnerException is ThreadInterruptedException interrupted && _scheduler is not null)
                throw interrupted;
            if (task.IsFaulted && task.Exception!.InnerException is { } error and not RealRunAbortedException)
                Report(BugKind.UnhandledException, Describe(error), fatal: true);
            if (task.IsCanceled)
                Report(BugKind.UnhandledException, "the thread's task was cancelled", fatal: true);
        }
        catch (RealRunAbortedException)
        {
            // The run was stopped; the bug that stopped it is already recorded.
        }
        catch (ThreadInterruptedException) when (_scheduler is not null)
        {
            // The scheduler ended the run (a bug, a deadlock or its step bound) and unwinds every thread.
            _stopped = true;
        }
        catch (Exception e)
        {
            Record(BugKind.HarnessError, Describe(e), true, null, BugComponent.Harness, thread.Name);
        }
        finally
        {
            if (escapes is not null) SynchronizationContext.SetSynchronizationContext(null);
            Exit(thread);
            _scheduler?.ThreadFinished();
            RealThread.Detach();
        }
    }

    /// <summary>
    /// The synchronization context of a stress run's threads: model code awaiting something the
    /// runtime does not control posts its continuation here (Task.Yield at once, a real task when it
    /// completes), which marks the thread as having escaped; the continuation still runs, on the pool.
    /// </summary>
    private sealed class EscapeWatch : SynchronizationContext
    {
        private volatile bool _escaped;

        public bool Escaped => _escaped;

        public override void Post(SendOrPostCallback d, object? state)
        {
            _escaped = true;
            base.Post(d, state);
        }

        public override SynchronizationContext CreateCopy() => this;
    }

    private static string Describe(Exception e)
    {
        var frame = e.StackTrace?.Split('\n', 2)[0].Trim();
        return frame is null ? $"{e.GetType().Name}: {e.Message}" : $"{e.GetType().Name}: {e.Message} ({frame})";
    }

    private void Resume(RealThread thread)
    {
        lock (_gate)
        {
            // A thread must not start mutating state in the middle of a monitor sample.
            while (_sampling)
            {
                System.Threading.Monitor.Wait(_gate, _sliceMs);
                ThrowIfStopped();
            }

            thread.Running = true;
            _running++;
        }
    }

    private void Exit(RealThread thread)
    {
        thread.WaitingOn = null;
        lock (thread.DoneSync)
        {
            thread.Finished = true;
            WakeAll(thread.DoneSync);
        }

        lock (_gate)
        {
            if (thread.Running)
            {
                thread.Running = false;
                _running--;
            }

            if (--_live == 0) _allDone.Set();
            System.Threading.Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The watchdog: true when every thread finished, false when the run was abandoned.</summary>
    private bool Watch(Stopwatch clock)
    {
        long lastProgress = -1;
        var lastChange = TimeSpan.Zero;
        while (true)
        {
            if (_allDone.Wait(10)) return true;
            if (_stopped) return _allDone.Wait(_options.UnwindGrace);

            var now = clock.Elapsed;
            long progress = Progress;
            if (progress != lastProgress)
            {
                lastProgress = progress;
                lastChange = now;
            }
            else if (now - lastChange >= _options.DeadlockQuietPeriod && AllLiveBlocked())
            {
                Record(BugKind.Deadlock, $"deadlock! {DescribeThreads()}", true, null, BugComponent.Core, "watchdog");
                return _allDone.Wait(_options.UnwindGrace);
            }

            if (now >= _options.Timeout)
            {
                // Still progressing at the deadline looks like a livelock (or a run too long for the budget),
                // reported apart from bugs like the controlled engine's step bound; no progress is a hang.
                bool progressing = now - lastChange < _options.DeadlockQuietPeriod;
                var kind = progressing ? BugKind.StepBoundExceeded : BugKind.Deadlock;
                var what = progressing ? "run still making progress after" : "run hung for";
                Record(kind, $"{what} {_options.Timeout.TotalMilliseconds:0} ms: {DescribeThreads()}", true, null, BugComponent.Core, "watchdog");
                return _allDone.Wait(_options.UnwindGrace);
            }
        }
    }

    private bool AllLiveBlocked()
    {
        lock (_gate) return _threads.All(t => t.Finished || t.WaitingOn is not null);
    }

    private string DescribeThreads()
    {
        var text = new StringBuilder("threads: [");
        lock (_gate)
        {
            bool first = true;
            foreach (var t in _threads.Where(t => !t.Finished))
            {
                if (!first) text.Append(", ");
                first = false;
                var state = t.WaitingOn is { } w ? $"blocked in {w}" : "running outside any primitive";
                text.Append($"{t.Name} ({t.Id}, {state})");
            }
        }

        return text.Append(']').ToString();
    }
}
