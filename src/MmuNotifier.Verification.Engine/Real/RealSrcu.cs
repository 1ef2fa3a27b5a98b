// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

// Models struct srcu_struct: a grace period waits exactly for the readers that entered before it; call_srcu callbacks run after one, in softirq-like no-sleep context.
/// <remarks>
/// Instead of the kernel's two flipping counters, every reader is counted under the epoch current when
/// it entered; a grace period closes the current epoch and waits until no reader of a closed epoch
/// up to its own remains. That is the same guarantee without the flip-twice subtlety, since the counts
/// live under one lock. The index handed back by <see cref="ReadLock"/> is that epoch (not 0/1).
/// Callbacks run in FIFO order on a worker thread of the runtime, started when the first one is
/// queued and ending when the queue is empty, so a run does not end before its callbacks have run.
/// </remarks>
internal sealed class RealSrcu(RealRuntime runtime, string name) : ISrcu
{
    private readonly object _sync = new();
    private readonly Dictionary<int, int> _readersByEpoch = [];
    private readonly Dictionary<RealThread, int> _readHolders = [];
    private readonly Queue<(int Epoch, string Name, Func<Task> Callback)> _callbacks = new();
    private int _epoch = 1;
    private long _queued;
    private long _completed;
    private bool _workerRunning;

    public string Name { get; } = name;

    public bool IsReadLockHeld
    {
        get
        {
            var self = runtime.CurrentThread();
            lock (_sync) return _readHolders.ContainsKey(self);
        }
    }

    public ValueTask<int> ReadLock()
    {
        var self = runtime.Enter(null, Name, "srcu_read_lock");
        lock (_sync)
        {
            int epoch = _epoch;
            _readersByEpoch[epoch] = _readersByEpoch.GetValueOrDefault(epoch) + 1;
            _readHolders[self] = _readHolders.GetValueOrDefault(self) + 1;
            return ValueTask.FromResult(epoch);
        }
    }

    public ValueTask ReadUnlock(int index)
    {
        var self = runtime.Enter(null, Name, "srcu_read_unlock");
        lock (_sync)
        {
            if (!_readersByEpoch.TryGetValue(index, out int count))
                Lockdep.CheckHeldForRelease(runtime, held: false, "srcu_read_unlock", $"{Name}, {index}", Lockdep.NoSrcuReadLock);
            if (count == 1) _readersByEpoch.Remove(index);
            else _readersByEpoch[index] = count - 1;
            // SRCU readers may hand their section to another task; forget one hold in that case.
            var holder = _readHolders.ContainsKey(self) ? self : _readHolders.Keys.First();
            if (--_readHolders[holder] == 0) _readHolders.Remove(holder);
            runtime.WakeAll(_sync);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask Synchronize()
    {
        var self = runtime.Enter(null, Name, "synchronize_srcu");
        runtime.MightSleep($"synchronize_srcu({Name})");
        lock (_sync)
        {
            Lockdep.CheckNotHeld(runtime, _readHolders.ContainsKey(self), "synchronize_srcu", Name, Lockdep.InsideOwnReadSection);
            int closed = _epoch++;
            if (!GracePeriodOver(closed))
                runtime.BlockUntil(self, _sync, () => GracePeriodOver(closed), $"synchronize_srcu({Name}) for readers of epoch <= {closed}");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CallSrcu(string name, Func<Task> callback)
    {
        runtime.Enter(null, Name, "call_srcu");
        bool startWorker;
        lock (_sync)
        {
            // Queuing closes the epoch too: the callback waits for the readers inside now, not later ones.
            _callbacks.Enqueue((_epoch++, name, callback));
            _queued++;
            startWorker = !_workerRunning;
            _workerRunning = true;
        }

        if (startWorker) runtime.SpawnThread($"srcu-worker({Name})", RunCallbacks);
        return ValueTask.CompletedTask;
    }

    public ValueTask Barrier()
    {
        var self = runtime.Enter(null, Name, "srcu_barrier");
        runtime.MightSleep($"srcu_barrier({Name})");
        lock (_sync)
        {
            long target = _queued;
            if (_completed < target)
                runtime.BlockUntil(self, _sync, () => _completed >= target, $"srcu_barrier({Name}) for {target - _completed} callback(s)");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Caller holds _sync.</summary>
    private bool GracePeriodOver(int closedEpoch)
    {
        foreach (int epoch in _readersByEpoch.Keys)
        {
            if (epoch <= closedEpoch) return false;
        }

        return true;
    }

    /// <summary>The worker's body: each callback after its grace period, in queue order, never sleeping.</summary>
    private Task RunCallbacks()
    {
        var self = runtime.CurrentThread();
        while (true)
        {
            (int Epoch, string Name, Func<Task> Callback) next;
            lock (_sync)
            {
                if (_callbacks.Count == 0)
                {
                    _workerRunning = false;
                    return Task.CompletedTask;
                }

                next = _callbacks.Peek();
                int epoch = next.Epoch;
                if (!GracePeriodOver(epoch))
                    runtime.BlockUntil(self, _sync, () => GracePeriodOver(epoch), $"grace period of {Name} for callback {next.Name}");
                _callbacks.Dequeue();
            }

            runtime.Enter(null, Name, $"srcu callback {next.Name}");
            Task done;
            using (runtime.EnterNoSleep($"call_srcu callback {next.Name}"))
                done = next.Callback();
            // A faulted callback rethrows here, so the worker's wrapper reports it like any thread's.
            if (!done.IsCompleted)
                runtime.Report(BugKind.HarnessError, $"call_srcu callback {next.Name} awaited something the runtime does not control", fatal: true, component: BugComponent.Harness);
            done.GetAwaiter().GetResult();

            lock (_sync)
            {
                _completed++;
                runtime.WakeAll(_sync);
            }
        }
    }
}
