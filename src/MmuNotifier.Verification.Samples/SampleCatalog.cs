// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Samples;

/// <summary>Sample programs for the engine, explored by `mmu-verify test` before any kernel model exists.</summary>
public static class SampleCatalog
{
    public static IReadOnlyList<SampleProgram> All { get; } =
    [
        new("lost-update", "two threads increment a counter with READ_ONCE then WRITE_ONCE", true, LostUpdate.Racy),
        new("lost-update-fixed", "the same increments under a spinlock", false, LostUpdate.Locked),
        new("ab-ba-deadlock", "two threads take two mutexes in opposite orders", true, AbBaDeadlock.OppositeOrder),
        new("ab-ba-fixed", "both threads take the mutexes in the same order", false, AbBaDeadlock.SameOrder),
        new("lost-wakeup", "a waiter tests a flag, then sleeps without wait_event", true, LostWakeup.TestThenSleep),
        new("lost-wakeup-fixed", "the waiter uses wait_event", false, LostWakeup.WaitEvent),
        new("sleep-under-spinlock", "a thread may take a mutex while holding a spinlock", true, SleepUnderSpinlock.MutexInside),
        new("sleep-under-spinlock-fixed", "the mutex is taken before the spinlock", false, SleepUnderSpinlock.MutexOutside),
        new("srcu-free-before-sync", "a writer unlinks and frees an object without synchronize_srcu", true, SrcuUseAfterFree.FreeWithoutSync),
        new("srcu-free-before-unlink", "a writer frees an object, then unlinks it", true, SrcuUseAfterFree.FreeBeforeUnlink),
        new("srcu-sync-fixed", "unlink, synchronize_srcu, then free", false, SrcuUseAfterFree.UnlinkSyncFree),
        new("srcu-call-fixed", "unlink, then free from a call_srcu callback", false, SrcuUseAfterFree.UnlinkCallSrcu),
        new("uaf-plain", "cpu0 frees an object while cpu1 still reads a plain field of it (KASAN)", true, UafPlain.FreeWhileInUse),
        new("uaf-plain-fixed", "cpu0 waits for cpu1 to finish with the object before freeing it", false, UafPlain.FreeAfterReader),
        new("lock-inversion", "AB in one thread, BA in another, joined in between: lockdep sees the inversion", true, LockInversion.Inverted),
        new("lock-inversion-fixed", "both threads take the locks in the same order", false, LockInversion.SameOrder),
        new("lockmap-held-at-exit", "a path returns with a lockdep map still acquired", true, LockMapHeldAtExit.Forgotten),
        new("lockmap-held-at-exit-fixed", "every path releases the lockdep map", false, LockMapHeldAtExit.Released),
        new("rwsem-queued-writer", "down_read twice with a writer queued in between", true, RwsemQueuedWriter.ReadTwice),
        new("rwsem-queued-writer-fixed", "up_read before the second down_read", false, RwsemQueuedWriter.ReadReleaseRead),
        new("race-plain", "a plain write and a plain read of one cell, nothing orders them: KCSAN reports the pair", true, RacePlain.Unlocked),
        new("race-plain-fixed", "the same write and read under a spinlock", false, RacePlain.Locked),
        new("mp-plain-flag", "message passing with a plain flag: KCSAN reports the data and the flag racing", true, RacePlain.PlainFlag),
        new("mp-plain-flag-fixed", "the same message passing with smp_store_release / smp_load_acquire on the flag", false, RacePlain.ReleaseAcquire),
        new("mp-plain", "message passing with WRITE_ONCE/READ_ONCE: cpu1 may see the flag and stale data (lkmm only)", false,
            Litmus.MessagePassing(Litmus.MpOrdering.Once), WeakMemoryBug: true),
        new("mp-release", "message passing with smp_store_release/smp_load_acquire: never stale", false,
            Litmus.MessagePassing(Litmus.MpOrdering.ReleaseAcquire)),
        new("mp-wmb-rmb", "message passing with smp_wmb and smp_rmb: never stale", false, Litmus.MessagePassing(Litmus.MpOrdering.WmbRmb)),
        new("sb-once", "store buffering with WRITE_ONCE/READ_ONCE: both cpus may read 0 (lkmm only)", false,
            Litmus.StoreBuffering(fullBarrier: false), WeakMemoryBug: true),
        new("sb-mb", "store buffering with smp_mb between the store and the load: never both 0", false, Litmus.StoreBuffering(fullBarrier: true)),
        new("corr", "coherence: two READ_ONCEs of one variable never go backwards", false, Litmus.CoherenceReadRead),
        new("cowr", "coherence: a cpu never reads older than its own store", false, Litmus.CoherenceWriteRead),
        new("independent-writes", "3 threads each write their own cell (1 trace)", false, KnownTraceCounts.IndependentWrites),
        new("shared-writes", "3 threads each write one shared cell once (6 traces)", false, KnownTraceCounts.SharedWrites),
        new("readers-writer", "one writer and 3 readers of one cell (8 traces)", false, KnownTraceCounts.ReadersWriter),
        .. Benchmarks.BenchmarkCatalog.All,
    ];

    /// <summary>
    /// Published benchmarks with known trace counts: too many interleavings for a search without
    /// reduction, so they stay out of <see cref="All"/> (the `test` sweep) but can be named.
    /// </summary>
    public static IReadOnlyList<SampleProgram> CountBenchmarks { get; } =
    [
        new("readers-8", "readers(8) of the DPOR literature: one writer, 8 readers (256 traces)", false, KnownTraceCounts.ReadersOf(8)),
        new("indexer-13", "indexer(13) of Flanagan and Godefroid: CAS hash-table inserts (64 traces)", false, KnownTraceCounts.Indexer(13)),
    ];

    /// <summary>
    /// Samples that need an option to show what they show, so they stay out of the `test` sweep but
    /// can be named: liveness bugs need a fair strategy (fair-random, fair-pct), the
    /// pthread_create argument race needs --spawn-point.
    /// </summary>
    public static IReadOnlyList<SampleProgram> OptionSamples { get; } =
    [
        new("spin-on-unset-flag", "a thread spins with a yield for a flag nobody sets (a liveness bug under fair-random or fair-pct)", true, SpinOnUnsetFlag.Forgotten),
        new("spin-on-unset-flag-fixed", "the other thread sets the flag", false, SpinOnUnsetFlag.Set),
        new("spin-on-lost-flag", "the flag is set only if a worker looks before another thread claims the work (a liveness bug in some schedules)", true, SpinOnLostFlag.Run),
        new("arg-by-address", "workers read their id through the parent's loop variable (found only with --spawn-point)", true, ArgByAddress.ByAddress),
        new("arg-by-address-fixed", "each worker gets its id by value", false, ArgByAddress.ByValue),
    ];

    /// <summary>
    /// Samples whose number of Mazurkiewicz traces is known: what an optimal partial-order
    /// reduction must explore, exactly (the published ones cite their source in <see cref="KnownTraceCounts"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, long> KnownCounts { get; } = new Dictionary<string, long>
    {
        ["independent-writes"] = 1,
        ["shared-writes"] = 6,
        ["readers-writer"] = 8,
        ["readers-8"] = 256,
        ["indexer-13"] = 64,
    };

    /// <summary>The body `bench` measures: 3 threads × 100 cell accesses, no bug.</summary>
    public static SampleProgram BenchBody { get; } =
        new("bench", "3 threads each making 100 READ_ONCE/WRITE_ONCE accesses", false, Bench.ThreeByHundred);

    public static SampleProgram? Find(string name) =>
        All.Concat(CountBenchmarks).Concat(OptionSamples).FirstOrDefault(s => s.Name == name) ?? (name == BenchBody.Name ? BenchBody : null);
}
