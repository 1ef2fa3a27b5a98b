// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Testing;

public sealed class RunSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runsettings-tests").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private string WriteSettings(string directory, params (string Name, string Value)[] parameters)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, RunSettings.FileName);
        var body = string.Concat(parameters.Select(p => $"\n    <Parameter name=\"{p.Name}\" value=\"{p.Value}\" />"));
        File.WriteAllText(path, $"<?xml version=\"1.0\"?>\n<RunSettings>\n  <TestRunParameters>{body}\n  </TestRunParameters>\n</RunSettings>\n");
        return path;
    }

    [Fact]
    public void Without_file_or_environment_gives_the_defaults()
    {
        Assert.Equal(new ExplorationOptions(), RunSettings.Load(_root, NoEnvironment));
    }

    [Fact]
    public void Finds_the_file_upward_and_reads_every_coyote_name()
    {
        WriteSettings(_root,
            ("iterations", "250"), ("strategy", "PCT"), ("max-steps", "77"), ("seed", "42"),
            ("timeout", "1.5"), ("parallel", "2"), ("check-determinism", "true"),
            ("pct-depth", "5"), ("preemption-bound", "2"), ("backend", "Coyote"));
        var nested = Directory.CreateDirectory(Path.Combine(_root, "a", "b", "c")).FullName;

        var options = RunSettings.Load(nested, NoEnvironment);

        Assert.Equal(250, options.Iterations);
        Assert.Equal("pct", options.Strategy);
        Assert.Equal(77, options.MaxSteps);
        Assert.Equal(42UL, options.Seed);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.TimeBudget);
        Assert.Equal(2, options.Workers);
        Assert.True(options.CheckDeterminism);
        Assert.Equal(5, options.PctDepth);
        Assert.Equal(2, options.PreemptionBound);
        Assert.Equal(ExplorationBackend.Coyote, options.Backend);
    }

    [Fact]
    public void Backend_defaults_to_ours_and_the_environment_overrides_it()
    {
        WriteSettings(_root, ("backend", "coyote"));
        Assert.Equal(ExplorationBackend.Ours, new ExplorationOptions().Backend);
        Assert.Equal(ExplorationBackend.Coyote, RunSettings.Load(_root, NoEnvironment).Backend);
        var env = new Dictionary<string, string?> { ["COYOTE_BACKEND"] = "ours" };
        Assert.Equal(ExplorationBackend.Ours, RunSettings.Load(_root, env.GetValueOrDefault).Backend);
    }

    [Fact]
    public void Our_explorer_refuses_the_coyote_backend_instead_of_ignoring_it()
    {
        var program = TestProgram.Sample("noop", _ => Task.CompletedTask);
        var e = Assert.Throws<ArgumentException>(() => Explorer.Explore(program, new ExplorationOptions { Backend = ExplorationBackend.Coyote }));
        Assert.Contains("Backends.Explore", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_overrides_the_file()
    {
        WriteSettings(_root, ("iterations", "250"), ("strategy", "pct"), ("timeout", "3"));
        var env = new Dictionary<string, string?> { ["COYOTE_ITERATIONS"] = "9", ["COYOTE_STRATEGY"] = "dfs", ["COYOTE_TIMEOUT"] = "0" };

        var options = RunSettings.Load(_root, env.GetValueOrDefault);

        Assert.Equal(9, options.Iterations);
        Assert.Equal("dfs", options.Strategy);
        Assert.Null(options.TimeBudget);
    }

    [Fact]
    public void Explicit_path_variable_wins_over_the_search()
    {
        WriteSettings(_root, ("iterations", "250"));
        var other = WriteSettings(Path.Combine(_root, "elsewhere"), ("iterations", "3"));
        var env = new Dictionary<string, string?> { [RunSettings.PathVariable] = other };

        Assert.Equal(3, RunSettings.Load(_root, env.GetValueOrDefault).Iterations);
    }

    [Fact]
    public void The_repository_file_is_valid()
    {
        var file = RunSettings.FindFile(AppContext.BaseDirectory);
        Assert.NotNull(file);
        var options = RunSettings.ApplyFile(new ExplorationOptions(), file);
        options.Validate();
    }

    [Theory]
    [InlineData("iterations", "0", "parameter 'iterations': expected a positive integer, found '0'")]
    [InlineData("strategy", "bfs", "parameter 'strategy': expected one of random, pct, prioritization, dfs, iterative-pb, icb, iterative-preemption-bounding, delay-bounding, delay, db, pos, partial-order-sampling, dpor, q-learning, qlearning, fair-random, fair-pct, portfolio, found 'bfs'")]
    [InlineData("check-determinism", "yes", "expected true or false, found 'yes'")]
    [InlineData("colour", "blue", "unknown parameter 'colour'")]
    [InlineData("backend", "spin", "parameter 'backend': expected ours or coyote, found 'spin'")]
    // Every step of a run is kept in memory: 2^31 - 1 on a spinning test ran out of it.
    [InlineData("max-steps", "2147483647", "parameter 'max-steps': expected a positive integer, at most 1000000, found '2147483647'")]
    // Below the clock's tick a positive timeout was a zero budget: every test explored nothing.
    [InlineData("timeout", "1e-300", "parameter 'timeout': expected a number of seconds from 0 (none) to 1e9, and at least 1e-7 (the clock's tick) when not 0, found '1e-300'")]
    // The first of two values was dropped without a word.
    [InlineData("seed", "2", "parameter 'seed' is given twice (first on line 4); each parameter once")]
    [InlineData("SEED", "2", "parameter 'seed' is given twice (first on line 4); each parameter once")]
    public void Bad_file_values_name_file_line_and_expectation(string name, string value, string expected)
    {
        var path = WriteSettings(_root, ("seed", "1"), (name, value));
        var e = Assert.Throws<RunSettingsException>(() => RunSettings.Load(_root, NoEnvironment));
        Assert.StartsWith($"{path}: line 5: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_environment_value_names_the_variable()
    {
        var env = new Dictionary<string, string?> { ["COYOTE_MAX_STEPS"] = "lots" };
        var e = Assert.Throws<RunSettingsException>(() => RunSettings.Load(_root, env.GetValueOrDefault));
        Assert.Equal("environment variable COYOTE_MAX_STEPS: expected a positive integer, at most 1000000, found 'lots'", e.Message);
    }

    [Fact]
    public void Malformed_xml_names_the_file()
    {
        var path = Path.Combine(_root, RunSettings.FileName);
        File.WriteAllText(path, "<RunSettings><TestRunParameters>");
        var e = Assert.Throws<RunSettingsException>(() => RunSettings.Load(_root, NoEnvironment));
        Assert.StartsWith(path + ": expected a readable .runsettings XML file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_parameters_section_is_refused_rather_than_ignored()
    {
        var path = Path.Combine(_root, RunSettings.FileName);
        File.WriteAllText(path, "<RunSettings>\n  <TestRunParameters />\n  <TestRunParameters>\n    <Parameter name=\"iterations\" value=\"5\" />\n  </TestRunParameters>\n</RunSettings>\n");
        var e = Assert.Throws<RunSettingsException>(() => RunSettings.Load(_root, NoEnvironment));
        Assert.Equal($"{path}: line 3: expected one TestRunParameters section, found a second (the first is on line 2)", e.Message);
    }

    [Fact]
    public void A_timeout_below_the_tick_in_the_environment_is_refused()
    {
        var env = new Dictionary<string, string?> { ["COYOTE_TIMEOUT"] = "1e-9" };
        var e = Assert.Throws<RunSettingsException>(() => RunSettings.Load(_root, env.GetValueOrDefault));
        Assert.Contains("at least 1e-7 (the clock's tick) when not 0, found '1e-9'", e.Message, StringComparison.Ordinal);
    }
}
