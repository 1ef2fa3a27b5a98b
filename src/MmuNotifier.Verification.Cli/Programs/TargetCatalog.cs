// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Samples;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Cli.Programs;

/// <summary>
/// Resolves program names for `test` and traces for `replay`: the engine's sample programs and
/// the scenarios of models/ (<see cref="ScenarioTargets"/>); defects plug in here too.
/// </summary>
internal static class TargetCatalog
{
    public const string SampleKind = "sample";

    public static IReadOnlyList<CheckTarget> All() =>
        SampleCatalog.All.Select(FromSample)
            .Concat(ScenarioTargets.Catalog()?.All.Select(s => ScenarioTargets.From(s)) ?? [])
            .ToList();

    /// <summary>A sample by name, else a scenario by name or by path to its file.</summary>
    public static CheckTarget Find(string name)
    {
        if (SampleCatalog.Find(name) is { } sample) return FromSample(sample);
        if (ScenarioTargets.Resolve(name) is { } scenario) return ScenarioTargets.From(scenario);
        throw new UsageException($"unknown program '{name}'; expected one of: {KnownNames()} (see '{CliApp.Name} list samples' and 'list scenarios'), or a scenario file");
    }

    /// <summary>
    /// The target a trace was recorded from, or a one-line error naming the trace file and field.
    /// The port defects the trace names are switched on again, so that a defect's trace reproduces.
    /// </summary>
    public static CheckTarget ForTrace(string file, Engine.Traces.TraceSubject subject, IReadOnlyList<string>? defects = null)
    {
        if (subject.Kind == ScenarioProgram.SubjectKind)
        {
            // "model:" tweaks exist only in tests; the catalogued defects are rebuilt.
            var catalogued = (defects ?? []).Where(d => Models.Defects.DefectCatalogue.Find(d) is not null).ToList();
            return ScenarioTargets.From(ScenarioTargets.ForTrace(file, subject), catalogued);
        }

        if (subject.Kind != SampleKind)
            throw new UsageException($"{file}: at $.subject.kind: expected \"{SampleKind}\" or \"{ScenarioProgram.SubjectKind}\", found \"{subject.Kind}\"");
        var sample = SampleCatalog.Find(subject.Name)
            ?? throw new UsageException($"{file}: at $.subject.name: unknown sample '{subject.Name}'; expected one of: {KnownNames()}");
        return FromSample(sample);
    }

    private static CheckTarget FromSample(SampleProgram sample) =>
        new(sample.Name, sample.Description, sample.HasBug, sample.ToProgram);

    private static string KnownNames() =>
        string.Join(", ", SampleCatalog.All.Select(s => s.Name).Concat(ScenarioTargets.Catalog()?.All.Select(s => s.Name) ?? []));
}
