// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Tests;

/// <summary>The repository's models/ catalog and helpers to explore scenarios in tests.</summary>
internal static class Models
{
    private static readonly Lazy<ScenarioCatalog> LazyCatalog = new(() =>
        ScenarioCatalog.Load(ScenarioCatalog.FindModelsDirectory(AppContext.BaseDirectory)
                             ?? throw new InvalidOperationException("models/ not found above the test binaries")));

    public static ScenarioCatalog Catalog => LazyCatalog.Value;

    public static Scenario Get(string name) => Catalog.Find(name) ?? throw new KeyNotFoundException(name);

    public static ExplorationReport Explore(Scenario scenario, string strategy, long iterations, ulong seed = 7,
        WorldOptions? options = null, bool determinism = false, KernelConfig? defects = null) =>
        Explorer.Explore(ScenarioProgram.Build(scenario, defects ?? KernelConfig.Faithful, options), new ExplorationOptions
        {
            Strategy = strategy,
            Iterations = iterations,
            Seed = seed,
            CheckDeterminism = determinism,
            MaxSteps = 5_000,
        });

    public static string Describe(ExplorationReport report) =>
        report.FoundBug ? InterleavingRenderer.Render(report.Bugs[0].Steps, report.Bugs[0].Bug) : "no bug";

    /// <summary>In-code scenarios for the tests that break a model on purpose.</summary>
    public static Scenario Make(string name, int pages, SubscriptionSpec[] subs, params ThreadSpec[] threads) =>
        new() { Name = name, Pages = pages, Subscriptions = subs, Threads = threads };

    public static ThreadSpec Thread(string name, params OpSpec[] ops) => new(name, ops);

    public static SubscriptionSpec Mirror(string name, int first = 0, int count = 2, bool setup = true) =>
        new(name, UserKind.HmmMirror, first, count, setup);
}
