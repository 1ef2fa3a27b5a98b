// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing.Sharding;

namespace MmuNotifier.Verification.Cli.Sharding;

/// <summary>
/// --shard auto: the shard index and count from the environment of the batch engine running
/// us, looked for in this order (docs/scale-out.md):
/// <list type="bullet">
/// <item>MMU_SHARD_INDEX and MMU_SHARD_COUNT, set by hand or from a GitHub Actions matrix
/// (GitHub has no index variable of its own: the workflow sets them from <c>matrix.shard</c>
/// and <c>strategy.job-total</c>);</item>
/// <item>a Kubernetes Indexed Job's JOB_COMPLETION_INDEX, with the count from --shard-count or
/// MMU_SHARD_COUNT (the pod is not told <c>spec.completions</c>);</item>
/// <item>a Slurm job array's SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, counted from
/// SLURM_ARRAY_TASK_MIN (an array may start at 1) in steps of SLURM_ARRAY_TASK_STEP.</item>
/// </list>
/// Nothing found, or a value that is not a number in range, is a usage error naming the variable.
/// </summary>
internal static class ShardEnvironment
{
    public const string Index = "MMU_SHARD_INDEX";
    public const string Count = "MMU_SHARD_COUNT";
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";
    public const string SlurmTask = "SLURM_ARRAY_TASK_ID";
    public const string SlurmCount = "SLURM_ARRAY_TASK_COUNT";
    public const string SlurmMin = "SLURM_ARRAY_TASK_MIN";
    public const string SlurmStep = "SLURM_ARRAY_TASK_STEP";

    public static Shard Read(Func<string, string?> environment, int? shardCount)
    {
        if (shardCount is <= 0) throw new UsageException($"--shard-count: expected a positive number, found {shardCount}");
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value : null;

        if (Get(Index) is { } index)
            return Make(Number(Index, index), CountFrom(Get, shardCount, $"{Index} is set"), Index);
        if (Get(KubernetesIndex) is { } completion)
            return Make(Number(KubernetesIndex, completion), CountFrom(Get, shardCount, $"{KubernetesIndex} is set (a Kubernetes Indexed Job)"), KubernetesIndex);
        if (Get(SlurmTask) is { } task)
        {
            var min = Get(SlurmMin) is { } m ? Number(SlurmMin, m) : 0;
            var step = Get(SlurmStep) is { } s ? Number(SlurmStep, s) : 1;
            if (step == 0) throw new UsageException($"--shard auto: {SlurmStep} must be positive, found 0");
            var count = shardCount ?? (Get(SlurmCount) is { } c ? Number(SlurmCount, c) : throw Missing($"{SlurmTask} is set but {SlurmCount} is not"));
            var id = Number(SlurmTask, task);
            if (id < min || (id - min) % step != 0)
                throw new UsageException($"--shard auto: {SlurmTask} {id} is not in the array {min}, {min + step}, ... ({SlurmMin} {min}, {SlurmStep} {step})");
            return Make((id - min) / step, count, SlurmTask);
        }

        throw Missing($"none of {Index}, {KubernetesIndex} or {SlurmTask} is set");
    }

    private static int CountFrom(Func<string, string?> get, int? shardCount, string why) =>
        shardCount ?? (get(Count) is { } count ? Number(Count, count) : throw Missing($"{why} but the count is not: give --shard-count N or set {Count}"));

    private static Shard Make(int index, int count, string source)
    {
        if (count <= 0) throw new UsageException($"--shard auto: the shard count must be positive, found {count}");
        if (index >= count) throw new UsageException($"--shard auto: {source} gives shard {index}, but there are only {count} shards (0..{count - 1})");
        return new Shard(index, count);
    }

    private static int Number(string variable, string text) =>
        ShardSpec.TryNumber(text, out var value)
            ? value
            : throw new UsageException($"--shard auto: {variable}: expected a whole number of 0 or more, found '{text}'");

    private static UsageException Missing(string what) =>
        new($"--shard auto: {what} (see docs/scale-out.md for GitHub Actions, Kubernetes and Slurm)");
}
