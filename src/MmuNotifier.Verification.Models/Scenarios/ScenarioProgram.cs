// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Scenarios;

/// <summary>Turns a scenario into something the explorer can run.</summary>
public static class ScenarioProgram
{
    public const string SubjectKind = "scenario";

    /// <summary>
    /// The test program of <paramref name="scenario"/>; with <paramref name="tweaks"/> the models
    /// are deliberately broken (tests only), which the trace records as defects; with
    /// <paramref name="portDefects"/> the kernel runs those catalogued port defects (PortDefects names),
    /// recorded in the trace under their own names so that replay can switch them on again.
    /// </summary>
    public static TestProgram Build(Scenario scenario, ModelTweaks? tweaks = null, IReadOnlyCollection<string>? portDefects = null)
    {
        var subject = new TraceSubject(SubjectKind, scenario.Name, scenario.ContentHash == "" ? null : scenario.ContentHash, scenario.Path);
        var defects = portDefects?.ToArray() ?? [];
        var program = new TestProgram(subject, rt => new ModelWorld(rt, scenario, tweaks, defects).Run());
        var names = defects.Concat(tweaks is null || tweaks == ModelTweaks.None ? [] : Describe(tweaks)).ToList();
        return names.Count == 0 ? program : program with { Defects = names };
    }

    /// <summary>The names of the tweaks switched on, e.g. "MirrorSkipsSetSeq".</summary>
    private static IReadOnlyList<string> Describe(ModelTweaks tweaks) =>
        typeof(ModelTweaks).GetProperties()
            .Where(p => p.PropertyType == typeof(bool) && (bool)p.GetValue(tweaks)!)
            .Select(p => "model:" + p.Name)
            .ToList();
}
