// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Json;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Cli.Programs;

/// <summary>
/// The scenarios of models/ as `test` targets. The directory is $MMU_VERIFY_MODELS or the first
/// models/ above the current directory; without one there are simply no scenario targets.
/// </summary>
internal static class ScenarioTargets
{
    public const string ModelsVariable = "MMU_VERIFY_MODELS";

    /// <summary>The scenarios that load; each file that does not is reported to <see cref="SkippedInputs"/>.</summary>
    public static ScenarioCatalog? Catalog()
    {
        if (Environment.GetEnvironmentVariable(ModelsVariable) is { Length: > 0 } chosen)
        {
            // A file (a scenario named instead of its directory) is not "no such directory": say what it is.
            if (!Directory.Exists(chosen))
                throw new UsageException($"{ModelsVariable}={chosen}: expected a directory of scenario files, but {(File.Exists(chosen) ? "it is a file" : "there is no such directory")}");
            // As the upward search does, a directory without one is not taken: a sweep of nothing would pass.
            if (!Directory.EnumerateFiles(chosen, "*.json").Any())
                throw new UsageException($"{ModelsVariable}={chosen}: expected a directory of scenario files, but it holds no *.json file");
        }

        var directory = ScenarioCatalog.FindModelsDirectory();
        if (directory is null) return null;
        // A sample is found first by name and shares the trace names: a scenario of its name could
        // never be named on the command line, and its traces would replace the sample's.
        var catalog = ScenarioCatalog.Load(directory, name =>
            SampleCatalog.Find(name) is null ? null : $"a name no engine sample has; '{name}' is one ({CliApp.Name} list samples)");
        foreach (var failure in catalog.Failures) SkippedInputs.Report(failure);
        return catalog;
    }

    /// <summary>The catalogue, for verbs that cannot do anything without scenarios.</summary>
    public static ScenarioCatalog RequireCatalog() =>
        Catalog() ?? throw new UsageException($"no models/ directory found above the current directory (set {ModelsVariable})");

    public static CheckTarget From(Scenario scenario) =>
        new(scenario.Name, scenario.Description, scenario.Expect is not null, () => ScenarioProgram.Build(Recorded(scenario)),
            Expected: scenario.Expect);

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
            () => ScenarioProgram.Build(Recorded(scenario), names),
            bugs => defects.Any(d => d.FindingFilter(bugs)));
    }

    /// <summary>
    /// A scenario by name (in models/) or by path to a scenario file; null if it is neither. What
    /// looks like a path is read as one, so a missing file or a directory is named as such.
    /// </summary>
    public static Scenario? Resolve(string nameOrPath)
    {
        if (Catalog()?.Find(nameOrPath) is { } byName) return byName;
        return LooksLikePath(nameOrPath) ? ScenarioParser.Load(nameOrPath) : null;
    }

    /// <summary>
    /// The scenarios named by <paramref name="option"/> (by name or path), in order; an unknown one
    /// is a usage error listing the known ones, and so is one named twice (by its name and its file).
    /// </summary>
    public static List<Scenario> RequireAll(string option, IEnumerable<string> namesOrPaths)
    {
        var catalog = RequireCatalog();
        var scenarios = new List<Scenario>();
        foreach (var name in namesOrPaths)
        {
            var scenario = Resolve(name) ?? throw new UsageException(
                $"no scenario named '{name}' in {catalog.Directory} and no such file; known: {string.Join(", ", catalog.All.Select(s => s.Name))}");
            if (scenarios.Any(s => s.Name == scenario.Name)) throw new UsageException($"{RepeatedValues.Twice(option, scenario.Name)} (as '{name}')");
            scenarios.Add(scenario);
        }

        return scenarios;
    }

    /// <summary>
    /// The scenario a trace was recorded from: its file (by the recorded path, else by name in
    /// models/), refused when it holds another scenario than the trace names or when its content
    /// changed since, because the decisions would no longer mean the same schedule.
    /// </summary>
    public static Scenario ForTrace(string traceFile, TraceSubject subject)
    {
        var scenario = FromRecordedPath(traceFile, subject)
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

    private static Scenario? FromRecordedPath(string traceFile, TraceSubject subject)
    {
        if (subject.Path is not { } recorded) return null;
        var path = RepositoryPaths.Resolve(recorded);
        if (!File.Exists(path) && !Directory.Exists(path)) return null;
        Scenario scenario;
        try
        {
            scenario = ScenarioParser.Load(path);
        }
        catch (JsonFormatException e)
        {
            throw new UsageException($"{traceFile}: at $.subject.path: expected a usable scenario file, but {e.Message}");
        }

        return scenario.Name == subject.Name ? scenario
            : throw new UsageException($"{traceFile}: at $.subject.path: expected the file of scenario '{subject.Name}' ($.subject.name), but {recorded} holds scenario '{scenario.Name}'");
    }

    /// <summary>The scenario as a trace records it: its path relative to the checkout.</summary>
    private static Scenario Recorded(Scenario scenario) =>
        scenario.Path is { } path ? scenario with { Path = RepositoryPaths.Portable(path) } : scenario;

    private static bool LooksLikePath(string text) =>
        text.Contains('/') || text.Contains(Path.DirectorySeparatorChar) || text.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || File.Exists(text) || Directory.Exists(text);
}
