// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Coyote.EntryPoints;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Coyote.Tests;

/// <summary>The committed entry points are exactly what models/ and the defect catalogue call for.</summary>
public sealed class EntryPointFileTests
{
    [Fact]
    public void EntryPoint_file_matches_models_and_catalogue()
    {
        var catalog = ScenarioCatalog.Load(ScenarioCatalog.FindModelsDirectory()!);
        string expected = EntryPointNames.GenerateSource(catalog);
        string path = Path.Combine(RepoRoot(), "src", "MmuNotifier.Verification.Coyote", "EntryPoints", "ScenarioTests.g.cs");
        if (Environment.GetEnvironmentVariable("MMU_VERIFY_REGENERATE") == "1") File.WriteAllText(path, expected);
        Assert.True(File.ReadAllText(path) == expected,
            $"{path} is stale: regenerate it with MMU_VERIFY_REGENERATE=1 dotnet test tests/MmuNotifier.Verification.Coyote.Tests -c Release --filter EntryPoint");
    }

    [Fact]
    public void Every_entry_point_is_a_public_static_Coyote_test()
    {
        var catalog = ScenarioCatalog.Load(ScenarioCatalog.FindModelsDirectory()!);
        foreach (var (scenario, defect) in EntryPointNames.All(catalog.All.Select(s => s.Name)))
        {
            var method = typeof(ScenarioTests).GetMethod(EntryPointNames.Method(scenario, defect));
            Assert.NotNull(method);
            Assert.True(method!.IsStatic);
            Assert.NotNull(method.GetCustomAttributes(typeof(Microsoft.Coyote.SystematicTesting.TestAttribute), false).SingleOrDefault());
        }
    }

    private static string RepoRoot() => Path.GetDirectoryName(ScenarioCatalog.FindModelsDirectory()!)!;
}
