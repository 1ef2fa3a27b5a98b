// SPDX-License-Identifier: GPL-2.0-only
using System.Text.RegularExpressions;
using MmuNotifier.Verification.Cli.Sharding;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// `test --shard K/N --report` on 8 simulated machines, then `merge`: the same summary, bug
/// reports, traces and exit code as the single run; and every way a shard or a merge is refused.
/// </summary>
public sealed partial class ShardCliTests
{
    private const int Shards = 8;

    public static TheoryData<string[], bool> Runs() => new()
    {
        // A seeded strategy over three scenarios with catalogued defects: bugs found past schedule 0
        // (so not in shard 0), shortening, traces, and a defect that is not a bug.
        { ["--defect", "insert-excluded-no-odd", "--defect", "review-blockable-backoff", "--defect", "v1-seq-write-outside-user-lock",
            "--iterations", "300", "--shorten", "40", "--seed", "3"], true },
        // An engine sample named on the command line (every bug counts: exit 1), under pct.
        { ["srcu-free-before-sync", "--strategy", "pct", "--iterations", "400", "--shorten", "20"], true },
        // DFS: cut into subtrees, exhaustive on a small program, cut by the budget on a scenario.
        { ["ab-ba-fixed", "--strategy", "dfs", "--iterations", "5000"], false },
        { ["--defect", "inv-end-no-wakeup", "--strategy", "dfs", "--preemption-bound", "1", "--iterations", "150", "--shorten", "20"], true },
        // The weak-memory mode travels in the report: the merge replays the stale read under lkmm.
        { ["mp-plain", "--memory-model", "lkmm", "--iterations", "300", "--shorten", "20"], true },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void EightShardsMergeIntoTheSingleRun(string[] args, bool bugs)
    {
        using var temp = new TempDirectory();
        var single = CliRunner.Run([.. Test(args), "--out", temp.File("single")]);
        var shards = Enumerable.Range(0, Shards)
            .Select(k => CliRunner.Run([.. Test(args), "--shard", $"{k}/{Shards}", "--report", temp.File($"r{k}.json"), "--out", temp.File($"t{k}")]))
            .ToList();
        var merged = CliRunner.Run(["merge", .. Enumerable.Range(0, Shards).Select(k => temp.File($"r{k}.json")), "--out", temp.File("merged")]);

        Assert.True(single.ExitCode is 0 or 1, single.ToString());
        Assert.All(shards, s => Assert.True(s.ExitCode is 0 or 1, s.ToString()));
        Assert.Equal(single.ExitCode, merged.ExitCode);
        Assert.Equal(Normalized(single.Out, temp.File("single")), Normalized(merged.Out, temp.File("merged")));
        Assert.Equal(TraceFiles(temp.File("single")), TraceFiles(temp.File("merged")));
        Assert.Equal(bugs, TraceFiles(temp.File("single")).Count > 0);
        Assert.Contains("merged from 8 shards", merged.Out);
    }

    [Fact]
    public void EightShardsOfTheVerifySweepMergeIntoTheSweep()
    {
        using var temp = new TempDirectory();
        string[] args = ["verify", "--max-executions", "12", "--json"];
        var single = CliRunner.Run(args);
        var shards = Enumerable.Range(0, Shards).Select(k => CliRunner.Run([.. args, "--shard", $"{k}/{Shards}", "--report", temp.File($"v{k}.json")])).ToList();
        var merged = CliRunner.Run(["merge", .. Enumerable.Range(0, Shards).Select(k => temp.File($"v{k}.json"))]);

        Assert.All(shards, s => Assert.True(s.ExitCode is 0 or 1, s.ToString()));
        Assert.Equal(single.ExitCode, merged.ExitCode);
        Assert.Equal(WithoutSeconds(single.Out), WithoutSeconds(merged.Out));
        Assert.Contains("\"program\": \"fault-vs-unmap\"", merged.Out);
    }

    [Theory]
    // Scenario 6 of seed 1 fails (number 5): shard 2 of 3 holds the counterexample.
    [InlineData(new[] { "--defect", "remove-no-wait", "--count", "100", "--seed", "1", "--budget", "120" }, 1)]
    [InlineData(new[] { "--count", "15", "--seed", "3", "--budget", "60" }, 0)]
    public void ShardsOfFuzzMergeIntoTheSingleRun(string[] args, int exitCode)
    {
        using var temp = new TempDirectory();
        const int count = 3;
        string[] Dirs(string name) => ["--models-out", temp.File($"m-{name}"), "--traces-out", temp.File($"t-{name}")];
        var single = CliRunner.Run(["fuzz", .. args, .. Dirs("single")]);
        var shards = Enumerable.Range(0, count).Select(k => CliRunner.Run(["fuzz", .. args, .. Dirs($"{k}"), "--shard", $"{k}/{count}", "--report", temp.File($"f{k}.json")])).ToList();
        var merged = CliRunner.Run(["merge", .. Enumerable.Range(0, count).Select(k => temp.File($"f{k}.json")), .. Dirs("merged")]);

        Assert.True(single.ExitCode == exitCode, single.ToString());
        Assert.All(shards, s => Assert.True(s.ExitCode is 0 or 1, s.ToString()));
        Assert.Equal(single.ExitCode, merged.ExitCode);
        Assert.Equal(FuzzLines(single.Out, temp.File("m-single"), temp.File("t-single")), FuzzLines(merged.Out, temp.File("m-merged"), temp.File("t-merged")));
        Assert.Equal(TraceFiles(temp.File("m-single")), TraceFiles(temp.File("m-merged")));
        Assert.Equal(TraceFiles(temp.File("t-single")).Keys, TraceFiles(temp.File("t-merged")).Keys);
    }

    [Theory]
    [InlineData("lost-update")]
    [InlineData("--defect")]
    public void VerifyOfOneProgramIsNotShardedAndSaysWhy(string what)
    {
        using var temp = new TempDirectory();
        string[] target = what == "--defect" ? ["--defect", "inv-end-no-wakeup"] : [what];

        var result = CliRunner.Run(["verify", .. target, "--shard", "0/2", "--report", temp.File("r.json")]);

        CliRunner.AssertCleanError(result, "--shard: DPOR cannot be split soundly inside one program");
    }

    [Fact]
    public void AShardSaysItsFiguresAreAShare()
    {
        using var temp = new TempDirectory();

        var shard = CliRunner.Run([.. Test(["lost-update-fixed", "--iterations", "40"]), "--shard", "2/8", "--report", temp.File("r.json"), "--out", temp.Path]);

        Assert.Equal(0, shard.ExitCode);
        Assert.Contains("shard 2/8: the figures above are this share's", shard.Out);
        Assert.Matches(@"\| lost-update-fixed \|\s+5 \|", shard.Out);
        Assert.Contains("\"shard\":{\"index\":2,\"count\":8}", File.ReadAllText(temp.File("r.json")));
    }

    [Theory]
    [InlineData("3/2")]
    [InlineData("0/0")]
    [InlineData("a/b")]
    [InlineData("1/")]
    [InlineData("-1/4")]
    [InlineData("4/4")]
    [InlineData("1/2/3")]
    public void ABadShardIsAUsageError(string shard)
    {
        using var temp = new TempDirectory();

        var result = CliRunner.Run("test", "lost-update", "--shard", shard, "--report", temp.File("r.json"));

        CliRunner.AssertCleanError(result, $"--shard: expected K/N with 0 <= K < N (e.g. 3/8) or 'auto', found '{shard}'");
    }

    [Theory]
    [InlineData(new[] { "--shard", "0/2" }, "--shard: needs --report FILE.json")]
    [InlineData(new[] { "--shard", "0/2", "--report", "R", "--strategy", "dpor" }, "--strategy: strategy dpor keeps one search across all schedules and cannot be sharded")]
    [InlineData(new[] { "--shard", "0/2", "--report", "R", "--strategy", "iterative-pb" }, "cannot be sharded")]
    [InlineData(new[] { "--shard", "0/2", "--report", "R", "--timeout", "5" }, "--timeout: a shard's share must not depend on time")]
    [InlineData(new[] { "--shard", "0/2", "--report", "R", "--shard-count", "2" }, "--shard-count: only with --shard auto")]
    [InlineData(new[] { "--shard-count", "2" }, "--shard-count: only with --shard auto")]
    public void ShardOptionsThatCannotWorkAreRefused(string[] options, string expected)
    {
        using var temp = new TempDirectory();
        var args = options.Select(o => o == "R" ? temp.File("r.json") : o);

        CliRunner.AssertCleanError(CliRunner.Run(["test", "lost-update", .. args]), expected);
        Assert.False(File.Exists(temp.File("r.json")));
    }

    [Fact]
    public void AReportPathThatIsADirectoryIsRefusedBeforeExploring()
    {
        using var temp = new TempDirectory();

        CliRunner.AssertCleanError(CliRunner.Run("test", "lost-update", "--shard", "0/2", "--report", temp.Path), "expected a file path, but it names a directory");
    }

    [Fact]
    public void MergeRefusesReportsOfDifferentRunsMissingOrRepeatedShardsAndBadFiles()
    {
        using var temp = new TempDirectory();
        string Shard(int k, int n, string iterations, string name)
        {
            var result = CliRunner.Run("test", "lost-update-fixed", "--iterations", iterations, "--shard", $"{k}/{n}", "--report", temp.File(name), "--out", temp.Path);
            Assert.True(result.ExitCode == 0, result.ToString());
            return temp.File(name);
        }

        var a0 = Shard(0, 2, "30", "a0.json");
        var a1 = Shard(1, 2, "30", "a1.json");
        var b1 = Shard(1, 2, "31", "b1.json");
        var c1 = Shard(1, 3, "30", "c1.json");

        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, b1), $"{b1}: at $.settings.iterations: settings differ from {a0}'s: iterations '31' here, '30' there");
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, c1), $"{c1}: at $.shard.count: shard 1/3 of a run cut into 3, but {a0} is of one cut into 2");
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, a0), $"{a0}: at $.shard: shard 0/2 again ({a0} is that shard already)");
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0), $"{a0}: at $.shard: missing shard 1/2 of the run this report is shard 0/2 of");

        File.WriteAllText(temp.File("bad.json"), "{\"formatVersion\": 1,");
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, temp.File("bad.json")), temp.File("bad.json"));
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, temp.File("none.json")), $"{temp.File("none.json")}: expected an existing shard report file");

        File.WriteAllText(temp.File("edited.json"), File.ReadAllText(a1).Replace("\"iterations\":\"30\"", "\"iterations\":\"99\""));
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, temp.File("edited.json")), "$.fingerprint: expected the fingerprint of the settings in this file");

        File.WriteAllText(temp.File("cut.json"), File.ReadAllText(a1).Replace("\"interrupted\":false", "\"interrupted\":true"));
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, temp.File("cut.json")), $"{temp.File("cut.json")}: at $.interrupted: shard 1/2 was interrupted");

        File.WriteAllText(temp.File("trace.json"), File.ReadAllText(a1).Replace("\"kind\":\"mmu-verify shard report\"", "\"kind\":\"trace\""));
        CliRunner.AssertCleanError(CliRunner.Run("merge", a0, temp.File("trace.json")), "$.kind: expected \"mmu-verify shard report\"");

        var merged = CliRunner.Run("merge", a1, a0, "--out", temp.Path);
        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.Matches(@"\| lost-update-fixed \|\s+30 \|", merged.Out);
    }

    [Theory]
    [InlineData(new[] { "MMU_SHARD_INDEX", "3", "MMU_SHARD_COUNT", "8" }, null, "3/8")]
    [InlineData(new[] { "JOB_COMPLETION_INDEX", "2" }, 4, "2/4")]
    [InlineData(new[] { "JOB_COMPLETION_INDEX", "0", "MMU_SHARD_COUNT", "5" }, null, "0/5")]
    [InlineData(new[] { "SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_COUNT", "8", "SLURM_ARRAY_TASK_MIN", "1" }, null, "4/8")]
    [InlineData(new[] { "SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "2" }, null, "0/2")]
    [InlineData(new[] { "SLURM_ARRAY_TASK_ID", "14", "SLURM_ARRAY_TASK_COUNT", "4", "SLURM_ARRAY_TASK_MIN", "8", "SLURM_ARRAY_TASK_STEP", "2" }, null, "3/4")]
    [InlineData(new[] { "SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "2", "MMU_SHARD_INDEX", "0", "MMU_SHARD_COUNT", "3" }, null, "0/3")]
    public void AutoReadsEachEngine(string[] variables, int? count, string expected) =>
        Assert.Equal(expected, ShardEnvironment.Read(Environment(variables), count).ToString());

    [Theory]
    [InlineData(new string[0], null, "--shard auto: none of MMU_SHARD_INDEX, JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID is set")]
    [InlineData(new[] { "MMU_SHARD_INDEX", "3" }, null, "MMU_SHARD_INDEX is set but the count is not: give --shard-count N or set MMU_SHARD_COUNT")]
    [InlineData(new[] { "JOB_COMPLETION_INDEX", "3" }, null, "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but the count is not")]
    [InlineData(new[] { "JOB_COMPLETION_INDEX", "4" }, 4, "JOB_COMPLETION_INDEX gives shard 4, but there are only 4 shards (0..3)")]
    [InlineData(new[] { "SLURM_ARRAY_TASK_ID", "3" }, null, "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not")]
    [InlineData(new[] { "SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "2", "SLURM_ARRAY_TASK_MIN", "1" }, null, "SLURM_ARRAY_TASK_ID 0 is not in the array 1, 2, ...")]
    [InlineData(new[] { "MMU_SHARD_INDEX", "x", "MMU_SHARD_COUNT", "2" }, null, "MMU_SHARD_INDEX: expected a whole number of 0 or more, found 'x'")]
    [InlineData(new[] { "MMU_SHARD_INDEX", "0", "MMU_SHARD_COUNT", "0" }, null, "the shard count must be positive, found 0")]
    [InlineData(new[] { "MMU_SHARD_INDEX", "0" }, 0, "--shard-count: expected a positive number, found 0")]
    public void AutoRefusesAMissingOrBadEnvironment(string[] variables, int? count, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ShardEnvironment.Read(Environment(variables), count));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(new[] { "MMU_SHARD_INDEX", "1", "MMU_SHARD_COUNT", "4" }, new string[0], "1/4")]
    [InlineData(new[] { "JOB_COMPLETION_INDEX", "2" }, new[] { "--shard-count", "3" }, "2/3")]
    [InlineData(new[] { "SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_COUNT", "4", "SLURM_ARRAY_TASK_MIN", "1" }, new string[0], "3/4")]
    public void AutoInTheRealProcessEnvironment(string[] variables, string[] options, string expected)
    {
        using var temp = new TempDirectory();
        var environment = Cleared();
        for (var i = 0; i < variables.Length; i += 2) environment[variables[i]] = variables[i + 1];

        var result = CliProcess.Run(environment, ["test", "lost-update-fixed", "--iterations", "8", "--shard", "auto", .. options, "--report", temp.File("r.json"), "--out", temp.Path]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"shard {expected}", result.Out);
    }

    [Fact]
    public void AutoWithoutAnEngineEnvironmentIsAUsageError()
    {
        using var temp = new TempDirectory();

        var result = CliProcess.Run(Cleared(), "test", "lost-update", "--shard", "auto", "--report", temp.File("r.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--shard auto: none of MMU_SHARD_INDEX, JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID is set", result.Err);
    }

    /// <summary>The shard variables of every engine, set empty: a child process started under a real batch engine must not see its index.</summary>
    private static Dictionary<string, string> Cleared() => new[]
    {
        ShardEnvironment.Index, ShardEnvironment.Count, ShardEnvironment.KubernetesIndex, ShardEnvironment.SlurmTask,
        ShardEnvironment.SlurmCount, ShardEnvironment.SlurmMin, ShardEnvironment.SlurmStep,
    }.ToDictionary(n => n, _ => "");

    private static Func<string, string?> Environment(string[] pairs)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i < pairs.Length; i += 2) map[pairs[i]] = pairs[i + 1];
        return name => map.GetValueOrDefault(name);
    }

    /// <summary>fuzz's output without its progress lines (a shard's differ) and its seconds, with the output directories named alike.</summary>
    private static string FuzzLines(string output, string models, string traces) =>
        Seconds().Replace(string.Join("\n", output.Replace(models, "MODELS").Replace(traces, "TRACES").Split('\n')
            .Where(line => !line.StartsWith("fuzz: ", StringComparison.Ordinal) || line.Contains(" scenarios from seed ", StringComparison.Ordinal))), "S s");

    [GeneratedRegex(@"[0-9.]+ s\b")]
    private static partial Regex Seconds();

    private static string WithoutSeconds(string json) =>
        string.Join("\n", json.Split('\n').Where(line => !line.TrimStart().StartsWith("\"seconds\"", StringComparison.Ordinal)));

    private static string[] Test(string[] args) => ["test", .. args];

    /// <summary>The output with the trace directory named alike, the timing column blanked and the run line (workers vs shards) left out.</summary>
    private static string Normalized(string output, string outDir) =>
        string.Join("\n", output.Replace(outDir, "OUT").Split('\n')
            .Where(line => !line.StartsWith("strategy ", StringComparison.Ordinal))
            .Select(line => TimingColumn().Replace(line, "| it/s | $1")));

    private static SortedDictionary<string, string> TraceFiles(string directory) =>
        new(Directory.Exists(directory)
            ? Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), File.ReadAllText)
            : [], StringComparer.Ordinal);

    /// <summary>The it/s cell and the header above it: the one column that depends on time.</summary>
    [GeneratedRegex(@"\|[^|]*\| ((?:result|-+|bug|BUG|ok|no bug)[^|]*\|)\s*$")]
    private static partial Regex TimingColumn();
}
