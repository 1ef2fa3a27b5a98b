// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using MmuNotifier.Verification.Engine.Testing.Sharding;

namespace MmuNotifier.Verification.Cli.Sharding;

/// <summary>
/// The value of --shard: "K/N" (share K of N, 0 ≤ K &lt; N) or "auto" (index and count from the
/// batch engine's environment, <see cref="ShardEnvironment"/>).
/// </summary>
internal static class ShardSpec
{
    public const string Auto = "auto";

    /// <param name="shardCount">--shard-count, for engines whose environment gives the index only.</param>
    /// <param name="environment">Reads an environment variable (the process's, or a test's).</param>
    public static Shard Parse(string text, int? shardCount, Func<string, string?> environment)
    {
        if (text.Trim() == Auto) return ShardEnvironment.Read(environment, shardCount);
        if (shardCount is not null) throw new UsageException("--shard-count: only with --shard auto (K/N gives the count already)");
        var parts = text.Split('/');
        if (parts.Length == 2 && TryNumber(parts[0], out var index) && TryNumber(parts[1], out var count) && count > 0 && index < count)
            return new Shard(index, count);
        throw new UsageException($"--shard: expected K/N with 0 <= K < N (e.g. 3/8) or '{Auto}', found '{text}'");
    }

    internal static bool TryNumber(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
