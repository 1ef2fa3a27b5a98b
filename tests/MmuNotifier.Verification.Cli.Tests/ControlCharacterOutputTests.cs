// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Text an input file brings onto stdout (a trace's recorded bug, a scenario's description or
/// file name) is shown with its control characters escaped, as error lines show them: raw, an
/// edited trace could clear the terminal or split a line of the report or the table.
/// </summary>
public sealed class ControlCharacterOutputTests : IDisposable
{
    private const string Hostile = "\u001b[2J\u001b[31mred\nsecond\rline\u0000";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_recorded_bug_is_quoted_with_its_control_characters_escaped()
    {
        var path = _dir.File("edited.json");
        File.WriteAllText(path, RepositoryFiles.Text(RepositoryFiles.Trace("put-frees-immediately"))
            .Replace("\"message\": \"", "\"message\": \"" + System.Text.Json.JsonEncodedText.Encode(Hostile), StringComparison.Ordinal));
        var result = CliRunner.Run("replay", path);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("differs from the recorded bug: UseAfterFree at step", result.Out);
        AssertEscaped(result.Out);
    }

    [Fact]
    public void A_scenario_listing_escapes_the_description_and_the_file_name()
    {
        var models = Directory.CreateDirectory(_dir.File("models")).FullName;
        var scenario = RepositoryFiles.Text(RepositoryFiles.Model("get-put"));
        scenario = System.Text.RegularExpressions.Regex.Replace(scenario, "\"description\": \"[^\"]*\"",
            "\"description\": \"" + System.Text.Json.JsonEncodedText.Encode(Hostile) + "\"");
        File.WriteAllText(Path.Combine(models, "get\u001bput\n.json"), scenario);
        using var child = CliProcess.StartIn(_dir.Path, new Dictionary<string, string> { ["MMU_VERIFY_MODELS"] = models }, "list", "scenarios");
        var result = child.WaitForExit();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("get\\u001bput\\n.json", result.Out);
        AssertEscaped(result.Out);
    }

    private static void AssertEscaped(string output)
    {
        Assert.Contains("\\u001b[2J\\u001b[31mred\\nsecond\\rline\\u0000", output);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\r', output);
    }
}
