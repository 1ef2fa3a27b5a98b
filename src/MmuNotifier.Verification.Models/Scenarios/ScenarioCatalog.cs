// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Json;

namespace MmuNotifier.Verification.Models.Scenarios;

/// <summary>The scenarios of a models/ directory, loaded and validated together, found by name.</summary>
public sealed class ScenarioCatalog
{
    private ScenarioCatalog(string directory, IReadOnlyList<Scenario> all, IReadOnlyList<JsonFormatException> failures)
    {
        Directory = directory;
        All = all;
        Failures = failures;
    }

    public string Directory { get; }

    /// <summary>In file-name order.</summary>
    public IReadOnlyList<Scenario> All { get; }

    /// <summary>
    /// The files that are not usable scenarios, one error each. One bad file must not take the
    /// others down: a sweep runs what loaded and reports these.
    /// </summary>
    public IReadOnlyList<JsonFormatException> Failures { get; }

    /// <summary>
    /// Loads every *.json of <paramref name="directory"/>; names must be unique across files (the
    /// later file of two with one name is a failure, the earlier one stays usable), and not one
    /// <paramref name="taken"/> refuses: it returns what the name should be, for a name another
    /// kind of program already has (the CLI's engine samples, found by name before scenarios).
    /// </summary>
    public static ScenarioCatalog Load(string directory, Func<string, string?>? taken = null)
    {
        var files = System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        var all = new List<Scenario>();
        var failures = new List<JsonFormatException>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                var scenario = ScenarioParser.Load(file);
                if (seen.TryGetValue(scenario.Name, out var other))
                {
                    failures.Add(scenario.NameError($"a name unique in {directory}; '{scenario.Name}' is also used by {other}"));
                    continue;
                }

                if (taken?.Invoke(scenario.Name) is { } expected)
                {
                    failures.Add(scenario.NameError(expected));
                    continue;
                }

                seen.Add(scenario.Name, file);
                all.Add(scenario);
            }
            catch (JsonFormatException e)
            {
                failures.Add(e);
            }
        }

        return new ScenarioCatalog(directory, all, failures);
    }

    /// <summary>
    /// The models/ directory: $MMU_VERIFY_MODELS if set, else the first "models" directory found
    /// walking up from <paramref name="start"/> (the current directory by default).
    /// </summary>
    public static string? FindModelsDirectory(string? start = null)
    {
        if (Environment.GetEnvironmentVariable("MMU_VERIFY_MODELS") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(start ?? System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models");
            if (System.IO.Directory.Exists(candidate) && System.IO.Directory.EnumerateFiles(candidate, "*.json").Any()) return candidate;
        }

        return null;
    }

    public Scenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>A scenario by name, or by path to a file (inside or outside the catalog).</summary>
    public Scenario Resolve(string nameOrPath)
    {
        if (Find(nameOrPath) is { } byName) return byName;
        if (File.Exists(nameOrPath)) return ScenarioParser.Load(nameOrPath);
        throw new KeyNotFoundException(
            $"no scenario named '{nameOrPath}' in {Directory} and no such file; known: {string.Join(", ", All.Select(s => s.Name))}");
    }
}
