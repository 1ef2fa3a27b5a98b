// SPDX-License-Identifier: GPL-2.0-only
using System.Xml;
using System.Xml.Linq;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// The exploration baseline for tests, with Coyote's names: the defaults of
/// <see cref="ExplorationOptions"/>, overridden by the TestRunParameters of Coyote.runsettings
/// (found by walking up from the working directory, or named by COYOTE_RUNSETTINGS), overridden
/// in turn by COYOTE_* environment variables. xUnit does not see VSTest's TestRunParameters, so
/// tests read the file themselves; the variables let CI raise a budget without editing a file.
/// </summary>
public static class RunSettings
{
    public const string FileName = "Coyote.runsettings";

    /// <summary>Names a settings file explicitly instead of searching upward for one.</summary>
    public const string PathVariable = "COYOTE_RUNSETTINGS";

    /// <summary>The baseline for the current directory and process environment.</summary>
    public static ExplorationOptions Load() =>
        Load(Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable);

    /// <summary>The baseline as seen from <paramref name="startDirectory"/> with the given environment.</summary>
    /// <exception cref="RunSettingsException">A value in the file or environment is unusable.</exception>
    public static ExplorationOptions Load(string startDirectory, Func<string, string?> environment)
    {
        var options = new ExplorationOptions();
        var explicitPath = environment(PathVariable);
        var file = string.IsNullOrWhiteSpace(explicitPath) ? FindFile(startDirectory) : explicitPath;
        if (file is not null) options = ApplyFile(options, file);
        return ApplyEnvironment(options, environment);
    }

    /// <summary>The nearest Coyote.runsettings in <paramref name="startDirectory"/> or one of its parents, or null.</summary>
    public static string? FindFile(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    /// <summary>Applies the TestRunParameters of the settings file at <paramref name="path"/>.</summary>
    public static ExplorationOptions ApplyFile(ExplorationOptions baseline, string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path, LoadOptions.SetLineInfo);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            throw new RunSettingsException($"{path}: expected a readable .runsettings XML file: {e.Message}", e);
        }

        var options = baseline;
        var sections = document.Root?.Elements("TestRunParameters").ToList() ?? [];
        // Only one section is read: values in a second would be dropped without a word.
        if (sections.Count > 1)
            throw new RunSettingsException($"{path}: line {Line(sections[1])}: expected one TestRunParameters section, found a second (the first is on line {Line(sections[0])})");
        var parameters = sections.FirstOrDefault()?.Elements("Parameter") ?? [];
        var seen = new Dictionary<RunSettingsParameter, int>();
        foreach (var parameter in parameters)
        {
            var line = Line(parameter);
            var name = parameter.Attribute("name")?.Value;
            var value = parameter.Attribute("value")?.Value;
            if (name is null || value is null)
                throw new RunSettingsException($"{path}: line {line}: expected <Parameter name=\"...\" value=\"...\" />");
            var known = RunSettingsParameter.Find(name)
                ?? throw new RunSettingsException($"{path}: line {line}: unknown parameter '{name}'; expected one of: {KnownNames}");
            // A later value would silently win over the first, as no other input of the tool allows.
            if (!seen.TryAdd(known, line))
                throw new RunSettingsException($"{path}: line {line}: parameter '{known.Name}' is given twice (first on line {seen[known]}); each parameter once");
            options = known.Apply(options, value)
                ?? throw new RunSettingsException($"{path}: line {line}: parameter '{known.Name}': expected {known.Expected}, found '{value}'");
        }

        return options;
    }

    /// <summary>Applies the COYOTE_* variables that are set; unset or empty ones change nothing.</summary>
    public static ExplorationOptions ApplyEnvironment(ExplorationOptions baseline, Func<string, string?> environment)
    {
        var options = baseline;
        foreach (var parameter in RunSettingsParameter.All)
        {
            var value = environment(parameter.EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value)) continue;
            options = parameter.Apply(options, value)
                ?? throw new RunSettingsException($"environment variable {parameter.EnvironmentVariable}: expected {parameter.Expected}, found '{value}'");
        }

        return options;
    }

    private static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;

    private static string KnownNames => string.Join(", ", RunSettingsParameter.All.Select(p => p.Name));
}
