// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Cli.Programs;

/// <summary>
/// The scenarios of models/ as `test` targets. The directory is $MMU_VERIFY_MODELS or the first
/// models/ above the current directory; without one there are simply no scenario targets.
/// </summary>
internal static class ScenarioTargets
{
    public static ScenarioCatalog? Catalog()
    {
        var directory = ScenarioCatalog.FindModelsDirectory();
        return directory is null ? null : ScenarioCatalog.Load(directory);
    }

    /// <summary>The catalogue, for verbs that cannot do anything without scenarios.</summary>
    public static ScenarioCatalog RequireCatalog() =>
        Catalog() ?? throw new UsageException("no models/ directory found above the current directory (set MMU_VERIFY_MODELS)");

    public static CheckTarget From(Scenario scenario) =>
        new(scenario.Name, scenario.Description, scenario.Expect is not null, () => ScenarioProgram.Build(scenario));

    /// <summary>
    /// <paramref name="scenario"/> with catalogued defects switched on: a bug is expected when one
    /// of them must be found, and a run is a finding when it is one for any of them.
    /// </summary>
    public static CheckTarget From(Scenario scenario, IReadOnlyList<Defect> defects)
    {
        if (defects.Count == 0) return From(scenario);
        var names = defects.Select(d => d.Name).ToList();
        return new CheckTarget(
            $"{scenario.Name} + {string.Join(" + ", names)}",
            $"{scenario.Description}; defects: {string.Join(", ", defects.Select(d => $"{d.Name} ({d.Description})"))}",
            scenario.Expect is not null || defects.Any(d => d.MustBeFound),
            () => ScenarioProgram.Build(scenario, names),
            bugs => defects.Any(d => d.FindingFilter(bugs)));
    }

    /// <summary>A scenario by name (in models/) or by path to a scenario file; null if it is neither.</summary>
    public static Scenario? Resolve(string nameOrPath)
    {
        if (Catalog()?.Find(nameOrPath) is { } byName) return byName;
        return File.Exists(nameOrPath) ? ScenarioParser.Load(nameOrPath) : null;
    }

    /// <summary>
    /// The scenario a trace was recorded from: its file (by the recorded path, else by name in
    /// models/), refused when the file's content changed since, because the decisions would no
    /// longer mean the same schedule.
    /// </summary>
    public static Scenario ForTrace(string traceFile, Engine.Traces.TraceSubject subject)
    {
        var scenario = (subject.Path is { } path && File.Exists(path) ? ScenarioParser.Load(path) : null)
            ?? Catalog()?.Find(subject.Name)
            ?? throw new UsageException($"{traceFile}: at $.subject.name: no scenario '{subject.Name}' found (recorded path: {subject.Path ?? "none"})");
        if (subject.ContentHash is { } hash && !string.Equals(hash, scenario.ContentHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException(
                $"{traceFile}: at $.subject.contentHash: scenario '{subject.Name}' ({scenario.Path}) has changed since the trace was recorded " +
                $"(recorded sha256 {hash}, now {scenario.ContentHash}); re-run 'test' to record a new trace");
        }

        return scenario;
    }
}
