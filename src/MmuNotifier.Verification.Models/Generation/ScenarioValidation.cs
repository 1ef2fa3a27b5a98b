// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.Json;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// The one gate every generated or shrunk scenario passes before it is explored: written in the
/// file format, it must parse with <see cref="ScenarioParser"/> (the validation scenario files
/// get) into the same scenario, and it must respect <see cref="ScenarioRules"/>. Anything failing
/// here is a generator bug, never a finding about the kernel.
/// </summary>
public static class ScenarioValidation
{
    /// <summary>Null when valid, else the first problem found.</summary>
    public static string? Problem(Scenario scenario)
    {
        var json = ScenarioWriter.ToJson(scenario);
        Scenario parsed;
        try
        {
            parsed = ScenarioParser.Parse(Encoding.UTF8.GetBytes(json), "<generated>");
        }
        catch (JsonFormatException e)
        {
            return e.Message;
        }

        // Records hold lists, so compare the canonical text: it names every field the parser reads.
        if (ScenarioWriter.ToJson(parsed) != json) return "the scenario does not survive a round trip through the file format";
        return ScenarioRules.Problems(parsed) is { Count: > 0 } problems ? problems[0] : null;
    }

    public static bool IsValid(Scenario scenario) => Problem(scenario) is null;

    /// <summary>Throws when <paramref name="scenario"/> is not valid (generator and shrinker bugs surface loudly).</summary>
    public static Scenario Require(Scenario scenario) =>
        Problem(scenario) is { } problem
            ? throw new InvalidOperationException($"invalid generated scenario '{scenario.Name}': {problem}\n{ScenarioWriter.ToJson(scenario)}")
            : scenario;
}
