// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Samples;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Cli.Programs;

/// <summary>
/// Resolves program names for `test` and traces for `replay`: the engine's sample programs and
/// the scenarios of models/ (<see cref="ScenarioTargets"/>); defects plug in here too.
/// </summary>
internal static class TargetCatalog
{
    public const string SampleKind = Engine.Testing.TestProgram.SampleKind;

    public static IReadOnlyList<CheckTarget> All() =>
        SampleCatalog.All.Select(FromSample)
            .Concat(ScenarioTargets.Catalog()?.All.Select(ScenarioTargets.From) ?? [])
            .ToList();

    /// <summary>A sample by name, else a scenario by name or by path to its file.</summary>
    public static CheckTarget Find(string name)
    {
        if (SampleCatalog.Find(name) is { } sample) return FromSample(sample);
        if (ScenarioTargets.Resolve(name) is { } scenario) return ScenarioTargets.From(scenario);
        throw new UsageException($"unknown program '{name}'; expected one of: {KnownNames()} (see '{CliApp.Name} list samples' and 'list scenarios'), or a scenario file");
    }

    /// <summary>
    /// The target a trace was recorded from, with the defects it records switched on, or a
    /// one-line error naming the trace file and field.
    /// </summary>
    public static CheckTarget ForTrace(string file, Engine.Traces.TraceSubject subject, IReadOnlyList<string> defects)
    {
        var entries = defects.Select((name, i) => DefectCatalogue.Find(name)
                ?? throw new UsageException($"{file}: at $.defects[{i}]: unknown defect '{name}'; expected one of: {string.Join(", ", DefectCatalogue.Names)}"))
            .ToList();
        if (subject.Kind == ScenarioProgram.SubjectKind) return ScenarioTargets.From(ScenarioTargets.ForTrace(file, subject), entries);
        if (subject.Kind != SampleKind)
            throw new UsageException($"{file}: at $.subject.kind: expected \"{SampleKind}\" or \"{ScenarioProgram.SubjectKind}\", found \"{subject.Kind}\"");
        if (entries.Count > 0)
            throw new UsageException($"{file}: at $.defects[0]: engine samples have no defects, found '{entries[0].Name}'");
        // Replay would not look at them: a sample is found by its name alone.
        if (subject.Path is { } path)
            throw new UsageException($"{file}: at $.subject.path: engine samples have no scenario file, found '{path}'");
        if (subject.ContentHash is not null)
            throw new UsageException($"{file}: at $.subject.contentHash: engine samples have no scenario file, found a content hash");
        var sample = SampleCatalog.Find(subject.Name)
            ?? throw new UsageException($"{file}: at $.subject.name: unknown sample '{subject.Name}'; expected one of: {KnownNames()}");
        return FromSample(sample);
    }

    private static CheckTarget FromSample(SampleProgram sample) =>
        new(sample.Name, sample.Description, sample.HasBug, sample.ToProgram, WeakMemoryBug: sample.WeakMemoryBug);

    private static string KnownNames() =>
        string.Join(", ", SampleCatalog.All.Select(s => s.Name).Concat(ScenarioTargets.Catalog()?.All.Select(s => s.Name) ?? []));
}
