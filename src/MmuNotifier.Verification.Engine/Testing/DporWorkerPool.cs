// SPDX-License-Identifier: GPL-2.0-only
using System.Collections.Concurrent;
using MmuNotifier.Verification.Engine.Strategies.Dpor;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// The worker threads of a split DPOR search (<see cref="DporSearch"/>): each takes the next task
/// started and runs it. The coordinator decides what is kept, so which worker ran what never shows.
/// </summary>
internal sealed class DporWorkerPool : IDisposable
{
    private readonly BlockingCollection<DporJob> _queue = new();
    private readonly List<Thread> _threads;
    private readonly Func<DporTaskRoot, long, Func<bool>, DporTaskOutcome> _run;

    public DporWorkerPool(int workers, Func<DporTaskRoot, long, Func<bool>, DporTaskOutcome> run)
    {
        _run = run;
        _threads = Enumerable.Range(0, workers)
            .Select(i => new Thread(Work, maxStackSize: 64 << 20) { Name = $"dpor-{i}", IsBackground = true })
            .ToList();
        _threads.ForEach(t => t.Start());
    }

    /// <summary>Queues a task that may run up to <paramref name="limit"/> executions.</summary>
    public DporJob Start(DporTaskRoot root, int version, long limit)
    {
        var job = new DporJob(root, version, limit);
        _queue.Add(job);
        return job;
    }

    private void Work()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            try
            {
                job.Finish(job.Abandoned ? DporTaskOutcome.Skipped : _run(job.Root, job.Limit, () => job.Abandoned), null);
            }
            catch (Exception error)
            {
                job.Finish(null, error);
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads) thread.Join();
        _queue.Dispose();
    }
}

/// <summary>One task handed to the pool: its start, the plan version it started from, and its outcome once done.</summary>
internal sealed class DporJob(DporTaskRoot root, int version, long limit)
{
    private readonly ManualResetEventSlim _done = new();
    private volatile bool _abandoned;
    private DporTaskOutcome? _outcome;
    private Exception? _error;

    public DporTaskRoot Root { get; } = root;

    public int Version { get; } = version;

    public long Limit { get; } = limit;

    public bool Abandoned => _abandoned;

    /// <summary>Its result will not be used: it stops at its next execution.</summary>
    public void Abandon() => _abandoned = true;

    public void Finish(DporTaskOutcome? outcome, Exception? error)
    {
        (_outcome, _error) = (outcome, error);
        _done.Set();
    }

    /// <summary>Waits for the outcome, calling <paramref name="progress"/> now and then.</summary>
    public DporTaskOutcome Wait(Action progress)
    {
        while (!_done.Wait(TimeSpan.FromMilliseconds(250))) progress();
        if (_error is { } error) throw new InvalidOperationException($"exploration engine failure: {error.Message}", error);
        return _outcome!;
    }
}
