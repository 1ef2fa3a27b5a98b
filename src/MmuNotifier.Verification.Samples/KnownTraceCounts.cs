// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// Programs whose number of Mazurkiewicz traces is known, so an exhaustive search with
/// partial-order reduction can be checked to explore exactly that many executions. The count of
/// each is in <see cref="SampleCatalog.KnownCounts"/>.
/// </summary>
public static class KnownTraceCounts
{
    /// <summary>3 threads, each writing its own cell: every order is equivalent, 1 trace.</summary>
    public static Task IndependentWrites(IRuntime rt) => Writers(rt, shared: false);

    /// <summary>3 threads each writing one shared cell once: 3! = 6 traces.</summary>
    public static Task SharedWrites(IRuntime rt) => Writers(rt, shared: true);

    /// <summary>One writer and 3 readers of one cell: each reader sees the write or not, 2^3 = 8 traces.</summary>
    public static Task ReadersWriter(IRuntime rt) => Readers(rt, 3);

    /// <summary>
    /// "readers" of the DPOR literature (Abdulla et al., POPL 2014 / JACM 2017, and the Nidhugg
    /// benchmarks): one writer and N readers of one variable, 2^N traces.
    /// </summary>
    public static Func<IRuntime, Task> ReadersOf(int readers) => rt => Readers(rt, readers);

    /// <summary>
    /// "indexer" (Flanagan and Godefroid, POPL 2005, Figure 6; counts in Abdulla et al., JACM 2017):
    /// N threads each insert 4 values into a 128-slot hash table with compare-and-swap and linear
    /// probing. Up to 11 threads no two values hash alike (1 trace); from 12 on, collisions make
    /// the order of some CASes matter.
    /// </summary>
    public static Func<IRuntime, Task> Indexer(int threads) => rt => IndexerBody(rt, threads);

    private static async Task Writers(IRuntime rt, bool shared)
    {
        var cells = Enumerable.Range(0, 3).Select(i => rt.NewCell(shared ? "x" : $"x{i}", 0)).ToArray();
        var handles = Enumerable.Range(0, 3)
            .Select(i => rt.Spawn($"w{i}", () => (shared ? cells[0] : cells[i]).WriteOnce(i + 1).AsTask()))
            .ToList();
        foreach (var handle in handles) await handle.Join();
    }

    private static async Task Readers(IRuntime rt, int readers)
    {
        var x = rt.NewCell("x", 0);
        var handles = new List<IThreadHandle> { rt.Spawn("writer", () => x.WriteOnce(1).AsTask()) };
        for (var i = 0; i < readers; i++)
            handles.Add(rt.Spawn($"reader{i}", async () => await x.ReadOnce()));
        foreach (var handle in handles) await handle.Join();
    }

    private static async Task IndexerBody(IRuntime rt, int threads)
    {
        const int size = 128;
        const int perThread = 4;
        var table = Enumerable.Range(0, size).Select(i => rt.NewAtomic($"table[{i}]", 0)).ToArray();

        async Task Insert(int tid)
        {
            for (var m = 1; m <= perThread; m++)
            {
                var w = m * 11 + tid;
                var h = w * 7 % size;
                while (await table[h].CompareExchange(0, w) != 0) h = (h + 1) % size;
            }
        }

        var handles = Enumerable.Range(0, threads).Select(t => rt.Spawn($"t{t}", () => Insert(t))).ToList();
        foreach (var handle in handles) await handle.Join();
    }
}
