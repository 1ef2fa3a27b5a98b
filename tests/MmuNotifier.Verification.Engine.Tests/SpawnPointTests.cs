// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>
/// Spawn as a scheduling point: the pthread_create argument race (arg-by-address) is visible only
/// when a child may start after its parent continued; with the default eager start DFS proves it
/// absent, and the by-value twin is clean either way.
/// </summary>
public sealed class SpawnPointTests
{
    private static ExplorationReport Run(string sample, string strategy, bool spawnPoint, long iterations = 5000) =>
        Explorer.Explore(SampleCatalog.Find(sample)!.ToProgram(), new ExplorationOptions
        {
            Strategy = strategy,
            Iterations = iterations,
            Seed = 3,
            SpawnPoint = spawnPoint,
            CheckDeterminism = true,
        });

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    [InlineData("q-learning")]
    public void TheArgumentRaceIsFoundWithSpawnPoints(string strategy)
    {
        var report = Run("arg-by-address", strategy, spawnPoint: true, iterations: 200);

        Assert.True(report.FoundBug, $"{strategy} missed the argument race with spawn points");
        Assert.Contains("read", report.Bugs[0].Bug.Message, StringComparison.Ordinal);
        Assert.True(report.Bugs[0].Trace.SpawnPoint);
        var replay = Explorer.Replay(SampleCatalog.Find("arg-by-address")!.ToProgram(), report.Bugs[0].Trace);
        Assert.Equal(report.Bugs[0].Bug.Message, replay.Bugs[0].Message);
    }

    [Fact]
    public void WithEagerStartDfsExhaustsTheProgramClean()
    {
        var report = Run("arg-by-address", "dfs", spawnPoint: false);

        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
        Assert.True(report.Exhausted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheByValueTwinIsCleanEitherWay(bool spawnPoint)
    {
        var report = Run("arg-by-address-fixed", "dfs", spawnPoint);

        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
        Assert.True(report.Exhausted);
    }

    [Fact]
    public void ASpawnPointIsAStepOfItsOwn()
    {
        var eager = Run("arg-by-address-fixed", "dfs", spawnPoint: false);
        var lazy = Run("arg-by-address-fixed", "dfs", spawnPoint: true);

        Assert.True(lazy.Iterations > eager.Iterations, $"{lazy.Iterations} schedules with spawn points, {eager.Iterations} without");
    }
}
