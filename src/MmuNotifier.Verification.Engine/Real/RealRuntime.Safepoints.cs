// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Real;

// Models a stop-the-world sampling point: monitors see the state between two primitive operations of every CPU, as under the controlled engine.
/// <remarks>
/// Why a safepoint rather than running monitors concurrently: a monitor that reads two fields while
/// another thread updates them would see a state no interleaving of operations produces, and report
/// a violation the model does not have. So every primitive operation starts with a cheap check; when
/// a sample is due, the thread that hit it waits until every other counted thread is either parked at
/// the start of an operation or blocked inside one (a blocked thread changes nothing), runs the
/// monitors, and releases them. A thread blocked in a primitive that becomes ready while a sample
/// is in progress stays blocked until the sample ends.
/// Lock order: a primitive's own monitor object, then <see cref="_gate"/>; never the reverse.
/// </remarks>
public sealed partial class RealRuntime
{
    private readonly object _gate = new();
    private readonly List<RealThread> _threads = [];
    private readonly ManualResetEventSlim _allDone = new(false);
    private volatile bool _sampling;
    private int _running;
    private int _live;
    private long _waitExits;

    /// <summary>Ops plus wake-ups from blocking: the watchdog's measure of progress.</summary>
    private long Progress => Interlocked.Read(ref _ops) + Interlocked.Read(ref _waitExits);

    /// <summary>
    /// The start of every primitive operation: unwinds if the run was stopped, counts the step, takes
    /// part in a monitor sample, and checks the object's owner is still allocated.
    /// </summary>
    internal RealThread Enter(Abstractions.ILifetime? owner, string objectName, string operation)
    {
        var thread = CurrentThread();
        if (_stopped) throw new RealRunAbortedException();
        long step = Interlocked.Increment(ref _ops);
        if (_scheduler is not null) ScheduledPoint(thread);
        else if (_sampling || (_hasMonitors && step % _options.MonitorInterval == 0)) Safepoint(thread, step);
        if (owner is { IsFreed: true }) owner.CheckAlive($"{operation} on {objectName}");
        return thread;
    }

    internal void ThrowIfStopped()
    {
        if (_stopped) throw new RealRunAbortedException();
    }

    private void Safepoint(RealThread thread, long step)
    {
        lock (_gate)
        {
            if (_sampling)
            {
                Park(thread);
                return;
            }

            if (!(_hasMonitors && step % _options.MonitorInterval == 0)) return;
            _sampling = true;
        }

        try
        {
            lock (_gate)
            {
                int self = thread.Running ? 1 : 0;
                while (_running > self)
                {
                    System.Threading.Monitor.Wait(_gate, _sliceMs);
                    ThrowIfStopped();
                }
            }

            RunMonitors(unwind: true, thread.Name);
        }
        finally
        {
            lock (_gate)
            {
                _sampling = false;
                System.Threading.Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Caller holds <see cref="_gate"/>: stop counting as running until the sample ends.</summary>
    private void Park(RealThread thread)
    {
        bool wasRunning = thread.Running;
        if (wasRunning)
        {
            thread.Running = false;
            _running--;
            System.Threading.Monitor.PulseAll(_gate);
        }

        while (_sampling)
        {
            System.Threading.Monitor.Wait(_gate, _sliceMs);
            ThrowIfStopped();
        }

        if (wasRunning)
        {
            thread.Running = true;
            _running++;
        }
    }

    /// <summary>
    /// Blocks the current thread, which holds <paramref name="sync"/> and has just seen
    /// <paramref name="ready"/> false, until it is true (re-evaluated under <paramref name="sync"/>
    /// after every pulse, and every wait slice to notice a stopped run).
    /// </summary>
    internal void BlockUntil(RealThread thread, object sync, Func<bool> ready, string waitingOn)
    {
        if (_scheduler is not null)
        {
            PauseScheduled(thread, sync, ready, waitingOn);
            return;
        }

        BeginBlocked(thread, waitingOn);
        int wait = _sliceMs;
        while (true)
        {
            System.Threading.Monitor.Wait(sync, wait);
            ThrowIfStopped();
            if (!ready())
            {
                wait = _sliceMs;
                continue;
            }

            if (TryEndBlocked(thread)) return;
            // Ready, but a monitor sample is running: stay blocked and look again shortly.
            wait = 1;
        }
    }

    private void BeginBlocked(RealThread thread, string waitingOn)
    {
        thread.WaitingOn = waitingOn;
        if (!thread.Counted) return;
        lock (_gate)
        {
            if (!thread.Running) return;
            thread.Running = false;
            _running--;
            System.Threading.Monitor.PulseAll(_gate);
        }
    }

    private bool TryEndBlocked(RealThread thread)
    {
        if (thread.Counted)
        {
            lock (_gate)
            {
                if (_sampling) return false;
                thread.Running = true;
                _running++;
            }
        }

        thread.WaitingOn = null;
        Interlocked.Increment(ref _waitExits);
        return true;
    }
}
