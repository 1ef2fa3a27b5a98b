// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Testing.Sharding;

/// <summary>
/// Share <see cref="Index"/> of <see cref="Count"/> of one exploration: the schedules (seeded
/// strategies) or subtrees (DFS) whose number is <see cref="Index"/> modulo <see cref="Count"/>.
/// The shares are disjoint and together make the whole, so merging every share's log gives the
/// single run's report.
/// </summary>
public sealed record Shard
{
    public Shard(int index, int count)
    {
        if (count <= 0) throw new ArgumentException($"shard count must be positive, got {count}");
        if (index < 0 || index >= count) throw new ArgumentException($"shard index must be in [0, {count - 1}], got {index}");
        Index = index;
        Count = count;
    }

    public int Index { get; }

    public int Count { get; }

    /// <summary>Schedule or subtree <paramref name="number"/> belongs to this share.</summary>
    public bool Owns(long number) => number % Count == Index;

    /// <summary>"K/N", the spelling of --shard.</summary>
    public override string ToString() => $"{Index}/{Count}";
}
