// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Issue 11, item 1: one broken file in models/ is reported (one line) and the sweep runs every
/// other scenario; the exit code (2) says a file was left out. A real process, since the models
/// directory comes from the environment.
/// </summary>
public sealed class BadModelsSweepTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, string> _environment;

    public BadModelsSweepTests()
    {
        var models = Directory.CreateDirectory(_dir.File("models")).FullName;
        foreach (var name in new[] { "get-put", "register-unregister" })
            File.Copy(RepositoryFiles.Model(name), Path.Combine(models, name + ".json"));
        File.WriteAllBytes(Path.Combine(models, "broken.json"), [(byte)'{', 0xC3, (byte)'}']);
        // A second file claiming a name already taken: left out too, the first one stays.
        File.WriteAllText(Path.Combine(models, "zz-twin.json"), File.ReadAllText(RepositoryFiles.Model("get-put")));
        // A scenario named like an engine sample: swept as a second row of that name, its trace
        // replaced the sample's, and `test lost-update` could never name it. Left out as well.
        File.WriteAllText(Path.Combine(models, "clash.json"), File.ReadAllText(RepositoryFiles.Model("register-unregister"))
            .Replace("\"name\": \"register-unregister\"", "\"name\": \"lost-update\"", StringComparison.Ordinal));
        _environment = new() { ["MMU_VERIFY_MODELS"] = models };
    }

    public void Dispose() => _dir.Dispose();

    private void AssertReported(CliRunner.Result result)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var errors = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, errors.Length);
        Assert.Contains("broken.json:1: $: expected UTF-8 text, found the byte 0xC3", errors[0]);
        Assert.Contains("clash.json:3: $.name: a name no engine sample has; 'lost-update' is one (mmu-verify list samples) (skipped; the other files are used)", errors[1]);
        Assert.Contains("zz-twin.json:4: $.name: a name unique in", errors[2]);
        Assert.All(errors, e => Assert.StartsWith("mmu-verify: error: ", e));
    }

    [Fact]
    public void List_scenarios_lists_the_good_ones()
    {
        var result = CliProcess.Run(_environment, "list", "scenarios");
        AssertReported(result);
        Assert.Contains("get-put", result.Out);
        Assert.Contains("register-unregister", result.Out);
    }

    [Fact]
    public void Test_explores_the_good_ones()
    {
        var result = CliProcess.Run(_environment, "test", "--iterations", "20", "--shorten", "0", "--out", _dir.File("out"));
        AssertReported(result);
        Assert.Contains("| get-put ", result.Out);
        Assert.Contains("| register-unregister ", result.Out);
    }

    [Fact]
    public void Bench_scenarios_measures_the_good_ones()
    {
        var result = CliProcess.Run(_environment, "bench", "scenarios", "--iterations", "20");
        AssertReported(result);
        Assert.Contains("register-unregister", result.Out);
    }

    [Fact]
    public void A_models_variable_naming_no_directory_is_named()
    {
        var result = CliProcess.Run(new Dictionary<string, string> { ["MMU_VERIFY_MODELS"] = _dir.File("absent") }, "list", "scenarios");
        CliRunner.AssertCleanError(result, $"MMU_VERIFY_MODELS={_dir.File("absent")}: expected a directory of scenario files");
    }

    [Theory]
    [InlineData("list", "scenarios")]
    [InlineData("verify")]
    public void A_models_variable_naming_a_directory_without_scenarios_is_named_not_swept(params string[] args)
    {
        var empty = Directory.CreateDirectory(_dir.File("empty")).FullName;
        var result = CliProcess.Run(new Dictionary<string, string> { ["MMU_VERIFY_MODELS"] = empty }, args);
        CliRunner.AssertCleanError(result, $"MMU_VERIFY_MODELS={empty}: expected a directory of scenario files, but it holds no *.json file");
    }
}
