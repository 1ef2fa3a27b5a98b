// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// A scenario in models/ named like an engine sample was listed and swept beside it as a second
/// "lost-update" row, its trace written under the sample's trace name (one replacing the other),
/// and `test lost-update` could never name it. It is refused as a name another file already has.
/// </summary>
public sealed class SampleNameScenarioTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, string> _environment;

    public SampleNameScenarioTests()
    {
        var models = Directory.CreateDirectory(_dir.File("models")).FullName;
        File.Copy(RepositoryFiles.Model("get-put"), Path.Combine(models, "get-put.json"));
        File.WriteAllText(Path.Combine(models, "clash.json"),
            File.ReadAllText(RepositoryFiles.Model("register-unregister")).Replace("\"name\": \"register-unregister\"", "\"name\": \"lost-update\"", StringComparison.Ordinal));
        _environment = new() { ["MMU_VERIFY_MODELS"] = models };
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_scenario_named_like_a_sample_is_skipped_with_an_error()
    {
        var result = CliProcess.Run(_environment, "list", "scenarios");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("clash.json:3: $.name: a name no engine sample has; 'lost-update' is one (mmu-verify list samples) (skipped; the other files are used)", result.Err);
        Assert.Contains("| get-put ", result.Out);
        Assert.DoesNotContain("lost-update", result.Out);
    }
}
