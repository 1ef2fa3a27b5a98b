// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.KillMatrix;

/// <summary>
/// One catalogued defect on one scenario it shows on, judged by the catalogue's finding rule.
/// <paramref name="MustBeFound"/> is false for a defect whose verdict is "no bug": it is run
/// and shown, but not counted.
/// </summary>
public sealed record KillTarget(string Defect, Scenario Scenario, bool MustBeFound, Func<IReadOnlyList<Bug>, bool> IsFinding)
{
    public string Program => Scenario.Name;

    /// <summary>The scenario with the defect switched on (its name goes into every trace).</summary>
    public TestProgram CreateProgram() => ScenarioProgram.Build(Scenario, [Defect]);

    /// <summary>Every catalogued defect on each scenario of <paramref name="catalog"/> that the catalogue names for it, in catalogue order.</summary>
    public static IReadOnlyList<KillTarget> All(ScenarioCatalog catalog)
    {
        var targets = new List<KillTarget>();
        foreach (var entry in DefectCatalogue.All)
        {
            foreach (var scenario in entry.Scenarios.Select(catalog.Find).OfType<Scenario>())
                targets.Add(new KillTarget(entry.Name, scenario, entry.MustBeFound, entry.FindingFilter));
        }

        return targets;
    }
}
