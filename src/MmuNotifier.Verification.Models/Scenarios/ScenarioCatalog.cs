// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Json;

namespace MmuNotifier.Verification.Models.Scenarios;

/// <summary>The scenarios of a models/ directory, loaded and validated together, found by name.</summary>
public sealed class ScenarioCatalog
{
    private ScenarioCatalog(string directory, IReadOnlyList<Scenario> all)
    {
        Directory = directory;
        All = all;
    }

    public string Directory { get; }

    /// <summary>In file-name order.</summary>
    public IReadOnlyList<Scenario> All { get; }

    /// <summary>Loads every *.json of <paramref name="directory"/>; names must be unique across files.</summary>
    public static ScenarioCatalog Load(string directory)
    {
        var files = System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        var all = files.Select(ScenarioParser.Load).ToList();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scenario in all)
        {
            if (seen.TryGetValue(scenario.Name, out var other))
                throw new JsonFormatException(scenario.Path!, 1, 1, "$.name", $"a name unique in {directory}; '{scenario.Name}' is also used by {other}");
            seen.Add(scenario.Name, scenario.Path!);
        }

        return new ScenarioCatalog(directory, all);
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
