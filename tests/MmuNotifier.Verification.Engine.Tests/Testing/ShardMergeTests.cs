// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using System.Text.Json;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Json;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Testing.Sharding;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Testing;

/// <summary>
/// A run cut into 8 shards, each written to JSON and read back, merges into the single run:
/// the same schedules, steps, distinct schedules, first bug (same trace) and verdict.
/// </summary>
public sealed class ShardMergeTests
{
    private const int Shards = 8;

    private static readonly ExplorationOptions Baseline = RunSettings.Load() with { TimeBudget = null, Seed = 7 };

    private static Func<IRuntime, Task> Writers(int threads, int steps) => rt =>
    {
        for (var t = 0; t < threads; t++)
        {
            var cell = rt.NewCell($"x{t}", 0);
            rt.Spawn($"cpu{t}", async () =>
            {
                for (var i = 0; i < steps; i++) await cell.WriteOnce(i);
            });
        }

        return Task.CompletedTask;
    };

    public static TheoryData<string, string, long, bool> Runs() => new()
    {
        { "srcu-free-before-sync", "random", 2000, true },
        { "srcu-free-before-sync", "pct", 2000, true },
        { "srcu-call-fixed", "random", 300, true },
        { "srcu-call-fixed", "portfolio", 300, true },
        { "lost-update", "random", 500, false },
        { "lock-inversion", "random", 400, false },
        { "srcu-free-before-sync", "dfs", 5000, true },
        { "lost-update", "dfs", 5000, false },
        { "srcu-call-fixed", "dfs", 40, true },
        { "ab-ba-deadlock", "dfs", 100, false },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void EightShardsMergeIntoTheSingleRun(string sample, string strategy, long iterations, bool stopAtFirstBug)
    {
        var program = TestProgram.Sample(sample, SampleCatalog.Find(sample)!.Body);
        var options = Baseline with { Strategy = strategy, Iterations = iterations, StopAtFirstBug = stopAtFirstBug };

        var single = Explorer.Explore(program, options);
        var merged = Explorer.MergeShards(program, options, RunShards(program, options, Shards), TimeSpan.Zero);

        AssertSameRun(single, merged);
        Assert.Equal(!sample.EndsWith("-fixed", StringComparison.Ordinal), single.FoundBug);
    }

    [Theory]
    [InlineData(10_000, null)]
    [InlineData(50, null)]
    [InlineData(10_000, 1)]
    [InlineData(7, 1)]
    public void ShardedDfsMatchesTheSequentialSearchWholeOrCutByTheBudget(long iterations, int? bound)
    {
        var program = TestProgram.Sample("writers", Writers(3, 2));
        var options = Baseline with { Strategy = "dfs", Iterations = iterations, PreemptionBound = bound };

        var single = Explorer.Explore(program, options);
        var merged = Explorer.MergeShards(program, options, RunShards(program, options, Shards), TimeSpan.Zero);

        AssertSameRun(single, merged);
        Assert.Equal(iterations >= 10_000, merged.Exhausted);
    }

    [Fact]
    public void AShardReportsOnlyItsShareAndNeverExhaustion()
    {
        var program = TestProgram.Sample("writers", Writers(3, 2));
        var options = Baseline with { Strategy = "dfs", Iterations = 10_000 };

        var shares = Enumerable.Range(0, 3).Select(k => Explorer.Explore(program, options with { Shard = new Shard(k, 3) })).ToList();

        Assert.Equal(90, shares.Sum(s => s.Iterations));
        Assert.All(shares, s => Assert.False(s.Exhausted));
    }

    [Fact]
    public void SeededSharesAreDisjointAndCoverTheBudget()
    {
        var program = TestProgram.Sample("srcu-call-fixed", SampleCatalog.Find("srcu-call-fixed")!.Body);
        var options = Baseline with { Iterations = 100 };

        var shares = Enumerable.Range(0, 3).Select(k => Explorer.Explore(program, options with { Shard = new Shard(k, 3) })).ToList();

        Assert.Equal([34, 33, 33], shares.Select(s => s.Iterations));
    }

    [Fact]
    public void MergeRefusesAMissingOrDuplicatedShard()
    {
        var program = TestProgram.Sample("lost-update", SampleCatalog.Find("lost-update")!.Body);
        var options = Baseline with { Iterations = 50 };
        var logs = RunShards(program, options, 3);

        var missing = Assert.Throws<ArgumentException>(() => Explorer.MergeShards(program, options, logs.Take(2).ToList(), TimeSpan.Zero));
        var twice = Assert.Throws<ShardLogException>(() => Explorer.MergeShards(program, options, [logs[0], logs[0], logs[1]], TimeSpan.Zero));

        Assert.Contains("each of the 3 shards once", missing.Message);
        Assert.Contains("0/3, 0/3, 1/3", twice.Message);
        // The log given second is the one at fault, so a caller can name the file it came from.
        Assert.Equal((1, ".shard"), (twice.Log, twice.Place));
    }

    [Theory]
    [InlineData("iterative-pb")]
    [InlineData("delay-bounding")]
    [InlineData("dpor")]
    public void StrategiesThatKeepOneSearchRefuseToBeSharded(string strategy)
    {
        var program = TestProgram.Sample("lost-update", SampleCatalog.Find("lost-update")!.Body);

        var error = Assert.Throws<ArgumentException>(() =>
            Explorer.Explore(program, Baseline with { Strategy = strategy, Iterations = 10, Shard = new Shard(0, 2) }));

        Assert.Contains("cannot be sharded", error.Message);
    }

    [Fact]
    public void ATimeBudgetIsRefusedForAShard()
    {
        var program = TestProgram.Sample("lost-update", SampleCatalog.Find("lost-update")!.Body);

        var error = Assert.Throws<ArgumentException>(() =>
            Explorer.Explore(program, Baseline with { Iterations = 10, TimeBudget = TimeSpan.FromSeconds(5), Shard = new Shard(0, 2) }));

        Assert.Contains("must not depend on time", error.Message);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 2)]
    [InlineData(-1, 2)]
    public void ABadShardIsRefused(int index, int count) =>
        Assert.Throws<ArgumentException>(() => new Shard(index, count));

    [Fact]
    public void ABadShardLogNamesThePlace()
    {
        var json = """{"shard": {"index": 0, "count": 2}, "subtreeCount": 0, "segments": [{"subtree": -1, "exhausted": false, "runs": [[0, 1]], "findings": [], "stepBoundRuns": [], "bugs": [], "stepBoundHits": [], "lockDependencies": []}]}""";

        var error = Assert.Throws<JsonFormatException>(() => ShardLogJson.Read(JsonValue.Parse(Encoding.UTF8.GetBytes(json), "r.json")));

        Assert.Contains("r.json:1: $.segments[0].runs[0]: expected [number, steps, hash]", error.Message);
    }

    [Fact]
    public void AScheduleOfAnotherShardIsRefusedWithItsPlace()
    {
        var json = """{"shard": {"index": 1, "count": 2}, "subtreeCount": 0, "segments": [{"subtree": -1, "exhausted": false, "runs": [[1, 5, 9], [2, 5, 9]], "findings": [], "stepBoundRuns": [], "bugs": [], "stepBoundHits": [], "lockDependencies": []}]}""";

        var error = Assert.Throws<JsonFormatException>(() => ShardLogJson.Read(JsonValue.Parse(Encoding.UTF8.GetBytes(json), "r.json")));

        Assert.Contains("$.segments[0].runs[1]: expected a schedule of shard 1/2, found schedule 2", error.Message);
    }

    /// <summary>Runs every shard and passes its log through the report JSON, as the CLI does.</summary>
    internal static List<ShardLog> RunShards(TestProgram program, ExplorationOptions options, int count) =>
        Enumerable.Range(0, count).Select(k =>
        {
            var share = Explorer.Explore(program, options with { Shard = new Shard(k, count) });
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer)) ShardLogJson.Write(writer, share.ShardLog!);
            return ShardLogJson.Read(JsonValue.Parse(buffer.ToArray(), $"shard{k}.json"));
        }).ToList();

    private static void AssertSameRun(ExplorationReport single, ExplorationReport merged)
    {
        Assert.Equal(single.Iterations, merged.Iterations);
        Assert.Equal(single.TotalSteps, merged.TotalSteps);
        Assert.Equal(single.DistinctSchedules, merged.DistinctSchedules);
        Assert.Equal(single.BuggyIterations, merged.BuggyIterations);
        Assert.Equal(single.StepBoundCuts, merged.StepBoundCuts);
        Assert.Equal(single.Exhausted, merged.Exhausted);
        Assert.Equal(single.Bugs.Select(b => (b.Trace.Iteration, b.Bug, string.Join(" ", b.Trace.Decisions), b.Steps.Count, b.AllBugsOfRun.Count)),
            merged.Bugs.Select(b => (b.Trace.Iteration, b.Bug, string.Join(" ", b.Trace.Decisions), b.Steps.Count, b.AllBugsOfRun.Count)));
        Assert.Equal(single.StepBoundHits.Select(b => b.Trace.Iteration), merged.StepBoundHits.Select(b => b.Trace.Iteration));
        Assert.Equal(single.LockOrderCycles.Select(c => c.Describe()), merged.LockOrderCycles.Select(c => c.Describe()));
    }
}
