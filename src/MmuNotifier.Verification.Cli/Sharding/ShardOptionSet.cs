// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Cli.Commands;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Engine.Testing.Sharding;

namespace MmuNotifier.Verification.Cli.Sharding;

/// <summary>--shard K/N|auto, --shard-count N and --report FILE.json, the same on every verb that shards.</summary>
internal sealed class ShardOptionSet
{
    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Explore only share K of N (K/N, 0 <= K < N), or 'auto' to read it from the batch engine's environment (docs/scale-out.md); needs --report",
    };

    public Option<int?> ShardCount { get; } = new Option<int?>("--shard-count")
    {
        Description = "With --shard auto: the number of shards, for engines that give only the index (a Kubernetes Indexed Job)",
    }.Positive();

    public Option<string?> Report { get; } = new("--report")
    {
        Description = "Write what 'merge' needs of this run to this JSON file",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Shard);
        command.Options.Add(ShardCount);
        command.Options.Add(Report);
    }

    /// <summary>The shard to run (0/1 with --report alone) and the report path; (null, null) for an ordinary run.</summary>
    public (Shard? Shard, string? Report) Read(ParseResult parse, Func<string, string?>? environment = null)
    {
        var text = parse.GetValue(Shard);
        var count = parse.GetValue(ShardCount);
        var report = parse.GetValue(Report);
        if (text is null && count is not null) throw new UsageException("--shard-count: only with --shard auto");
        if (text is not null && report is null) throw new UsageException("--shard: needs --report FILE.json, which 'merge' reads");
        if (report is null) return (null, null);
        OutputFile.Require("--report", report);
        return (text is null ? new Shard(0, 1) : ShardSpec.Parse(text, count, environment ?? Environment.GetEnvironmentVariable), report);
    }
}
