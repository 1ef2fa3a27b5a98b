// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Samples;

namespace MmuNotifier.Verification.Cli.Programs;

/// <summary>
/// Resolves program names for `test` and traces for `replay`. Today it knows the engine's sample
/// programs; scenarios and defects plug in here (one more source of targets), not in the verbs.
/// </summary>
internal static class TargetCatalog
{
    public const string SampleKind = "sample";

    public static IReadOnlyList<CheckTarget> All() => SampleCatalog.All.Select(FromSample).ToList();

    public static CheckTarget Find(string name)
    {
        var sample = SampleCatalog.Find(name)
            ?? throw new UsageException($"unknown program '{name}'; expected one of: {KnownNames()} (see '{CliApp.Name} list samples')");
        return FromSample(sample);
    }

    /// <summary>The target a trace was recorded from, or a one-line error naming the trace file and field.</summary>
    public static CheckTarget ForTrace(string file, Engine.Traces.TraceSubject subject)
    {
        if (subject.Kind != SampleKind)
            throw new UsageException($"{file}: at $.subject.kind: expected \"{SampleKind}\", found \"{subject.Kind}\" (this build replays sample programs only)");
        var sample = SampleCatalog.Find(subject.Name)
            ?? throw new UsageException($"{file}: at $.subject.name: unknown sample '{subject.Name}'; expected one of: {KnownNames()}");
        return FromSample(sample);
    }

    private static CheckTarget FromSample(SampleProgram sample) =>
        new(sample.Name, sample.Description, sample.HasBug, sample.ToProgram);

    private static string KnownNames() => string.Join(", ", SampleCatalog.All.Select(s => s.Name));
}
