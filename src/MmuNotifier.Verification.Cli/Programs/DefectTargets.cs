// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Cli.Programs;

/// <summary>
/// `test --defect`: resolves defect names against the catalogue and picks the scenarios to run
/// them on, with a note for every defect that cannot show on what was selected.
/// </summary>
internal static class DefectTargets
{
    /// <summary>The entries named on the command line; an unknown name is a usage error listing the known ones.</summary>
    public static IReadOnlyList<Defect> Resolve(IReadOnlyList<string> names) =>
        names.Distinct(StringComparer.Ordinal)
            .Select(name => DefectCatalogue.Find(name)
                ?? throw new UsageException($"--defect: unknown defect '{name}'; expected one of: {string.Join(", ", DefectCatalogue.Names)} (see '{CliApp.Name} list defects')"))
            .ToList();

    /// <summary>
    /// The targets for <paramref name="defects"/>: the named program with all of them if there is
    /// one (it must be a scenario), else every scenario of models/ on which one of the defects
    /// shows, each with the defects that show on it.
    /// </summary>
    public static (List<CheckTarget> Targets, List<string> Notes) Select(string? program, IReadOnlyList<Defect> defects)
    {
        var notes = new List<string>();
        List<Scenario> scenarios;
        if (program is not null)
        {
            var scenario = ScenarioTargets.Resolve(program)
                ?? throw new UsageException(Samples.SampleCatalog.Find(program) is not null
                    ? $"--defect applies to scenarios; '{program}' is an engine sample, which has no defects"
                    : $"unknown program '{program}'; --defect needs a scenario name (see '{CliApp.Name} list scenarios') or a scenario file");
            scenarios = [scenario];
        }
        else
        {
            var catalog = ScenarioTargets.Catalog();
            scenarios = defects.SelectMany(d => d.Scenarios).Distinct(StringComparer.Ordinal)
                .Select(name => catalog?.Find(name)).OfType<Scenario>().ToList();
        }

        foreach (var defect in defects)
        {
            if (scenarios.Any(s => defect.Scenarios.Contains(s.Name))) continue;
            notes.Add($"note: defect {defect.Name} is not known to show on {(program is null ? "any scenario found in models/" : $"scenario '{scenarios[0].Name}'")}; " +
                      $"it shows on: {string.Join(", ", defect.Scenarios)}");
        }

        // Without a program each scenario gets the defects that show on it; a named program gets them all.
        var targets = scenarios.Select(s => ScenarioTargets.From(s,
            program is null ? defects.Where(d => d.Scenarios.Contains(s.Name)).ToList() : defects)).ToList();
        return (targets, notes);
    }
}
