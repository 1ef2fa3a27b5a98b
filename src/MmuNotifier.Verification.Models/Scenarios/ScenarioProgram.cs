// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Scenarios;

/// <summary>Turns a scenario into something the explorer can run.</summary>
public static class ScenarioProgram
{
    public const string SubjectKind = "scenario";

    /// <summary>
    /// The test program of <paramref name="scenario"/> on the faithful port; with
    /// <paramref name="options"/> the models may be replaced (a test's deliberately broken
    /// subclass), which the trace records as a "model:" defect.
    /// </summary>
    public static TestProgram Build(Scenario scenario, WorldOptions? options = null) => Build(scenario, KernelConfig.Faithful, options);

    /// <summary>
    /// The test program of <paramref name="scenario"/> with the catalogued defects of
    /// <paramref name="defects"/> switched on; their names go into every trace, so that replay
    /// rebuilds the same variant.
    /// </summary>
    /// <exception cref="ArgumentException">A defect is not in <see cref="DefectCatalogue"/>.</exception>
    public static TestProgram Build(Scenario scenario, KernelConfig defects, WorldOptions? options = null)
    {
        var unknown = defects.Defects.FirstOrDefault(d => DefectCatalogue.Find(d) is null);
        if (unknown is not null)
            throw new ArgumentException($"unknown defect '{unknown}'; expected one of: {string.Join(", ", DefectCatalogue.Names)}", nameof(defects));

        var subject = new TraceSubject(SubjectKind, scenario.Name, scenario.ContentHash == "" ? null : scenario.ContentHash, scenario.Path);
        var program = new TestProgram(subject, rt => new ModelWorld(rt, scenario, defects, options).Run()) { KnownRaces = KernelFindings.Races };
        var names = defects.Defects.Order(StringComparer.Ordinal).ToList();
        if (options?.Variant is { } variant) names.Add("model:" + variant);
        return names.Count == 0 ? program : program with { Defects = names };
    }

    /// <summary>The program of <paramref name="scenario"/> with the named defects, e.g. from a trace or the command line.</summary>
    public static TestProgram Build(Scenario scenario, IEnumerable<string> defects) => Build(scenario, DefectCatalogue.Config(defects));
}
