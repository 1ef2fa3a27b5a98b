// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Issue 12, item 5: an installed mmu-verify has no checkout, so it finds models/ by walking up
/// from the working directory (or takes $MMU_VERIFY_MODELS); with neither, a verb that needs
/// scenarios says so and exits 2. Real processes, started outside the checkout.
/// </summary>
public sealed class ModelsLookupTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Dictionary<string, string> NoVariable = new() { ["MMU_VERIFY_MODELS"] = "" };

    private static CliRunner.Result RunIn(string directory, Dictionary<string, string> environment, params string[] args)
    {
        using var child = CliProcess.StartIn(directory, environment, args);
        return child.WaitForExit();
    }

    [Fact]
    public void Without_models_list_scenarios_is_a_usage_error()
    {
        var result = RunIn(_dir.Path, NoVariable, "list", "scenarios");
        CliRunner.AssertCleanError(result, "no models/ directory found above the current directory (set MMU_VERIFY_MODELS)");
    }

    [Fact]
    public void Models_are_found_above_the_working_directory()
    {
        var models = Directory.CreateDirectory(_dir.File("models")).FullName;
        File.Copy(RepositoryFiles.Model("get-put"), Path.Combine(models, "get-put.json"));
        var below = Directory.CreateDirectory(_dir.File(Path.Combine("a", "b"))).FullName;
        var result = RunIn(below, NoVariable, "list", "scenarios");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| get-put ", result.Out);
        Assert.DoesNotContain("register-unregister", result.Out);
    }

    [Fact]
    public void The_variable_names_the_models_from_anywhere()
    {
        var result = RunIn(_dir.Path, new() { ["MMU_VERIFY_MODELS"] = Path.GetDirectoryName(RepositoryFiles.Model("get-put"))! },
            "list", "scenarios");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| register-unregister ", result.Out);
    }

    /// <summary>Before, a file given for the directory was reported as "there is no such directory".</summary>
    [Fact]
    public void A_file_named_by_the_variable_is_called_a_file()
    {
        var file = RepositoryFiles.Model("get-put");
        var result = RunIn(_dir.Path, new() { ["MMU_VERIFY_MODELS"] = file }, "list", "scenarios");
        CliRunner.AssertCleanError(result, $"MMU_VERIFY_MODELS={file}: expected a directory of scenario files, but it is a file");
    }
}
