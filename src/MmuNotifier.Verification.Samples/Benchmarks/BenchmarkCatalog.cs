// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Samples.Benchmarks;

/// <summary>
/// Classic concurrency-testing benchmarks (SCTBench: Thomson, Donaldson and Betts, PPoPP 2014 /
/// TOPC 2016; SV-COMP's pthread category), each a buggy program: docs/benchmarks.md compares
/// the strategies on them.
/// </summary>
public static class BenchmarkCatalog
{
    public static IReadOnlyList<SampleProgram> All { get; } =
    [
        new("account", "benchmark (SV-COMP): deposit locked, withdraw not", true, LockBenchmarks.Account),
        new("deadlock01", "benchmark (SCTBench): two locks in opposite orders", true, LockBenchmarks.Deadlock01),
        new("carter01", "benchmark (SCTBench): lock order chosen by a racy flag", true, LockBenchmarks.Carter01),
        new("wronglock", "benchmark (SCTBench): each writer locks its own lock", true, LockBenchmarks.WrongLock),
        new("lazy01", "benchmark (SV-COMP): two locked updates exceed a third's bound", true, LockBenchmarks.Lazy01),
        new("twostage", "benchmark (SCTBench): a two-stage update read between its stages", true, LockBenchmarks.TwoStage),
        new("reorder_3", "benchmark (SCTBench): a checker between a setter's two writes, 3 threads", true, DataBenchmarks.Reorder(3)),
        new("reorder_5", "benchmark (SCTBench): the same with 5 threads", true, DataBenchmarks.Reorder(5)),
        new("fib_bench", "benchmark (SV-COMP): i += j against j += i, 2 rounds each, bound 8", true, DataBenchmarks.Fib(2, 8)),
        new("stack", "benchmark (SV-COMP): unlocked push and pop on a shared top", true, DataBenchmarks.Stack),
        new("queue", "benchmark (SV-COMP): not-empty raised before the element is stored", true, DataBenchmarks.Queue),
        new("circular_buffer", "benchmark (SCTBench): producer and consumer race on the count", true, DataBenchmarks.CircularBuffer),
        new("token_ring", "benchmark (SCTBench): tokens copied round a ring of threads", true, DataBenchmarks.TokenRing),
    ];
}
