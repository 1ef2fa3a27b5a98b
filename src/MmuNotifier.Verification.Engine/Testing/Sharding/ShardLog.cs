// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Testing.Sharding;

/// <summary>
/// What one shard's exploration of one program ran and found, in the form the merge needs:
/// every schedule's number, size and hash, the findings and their traces, the lock dependencies.
/// Seeded strategies give one segment numbered like the single run; DFS gives one segment per
/// subtree, numbered from 0 inside it, since only the merge knows how many schedules the
/// subtrees before it hold. Written and read by <see cref="ShardLogJson"/>.
/// </summary>
public sealed class ShardLog
{
    internal ShardLog(Shard shard, int subtreeCount, IReadOnlyList<(int Subtree, ScheduleLog Log)> segments)
    {
        Shard = shard;
        SubtreeCount = subtreeCount;
        Segments = segments;
    }

    public Shard Shard { get; }

    /// <summary>DFS: how many subtrees the tree was cut into (the same for every shard); 0 for seeded strategies.</summary>
    public int SubtreeCount { get; }

    /// <summary>Seeded: one segment, subtree -1. DFS: the subtrees this shard searched, by index.</summary>
    internal IReadOnlyList<(int Subtree, ScheduleLog Log)> Segments { get; }

    public bool BySubtree => SubtreeCount > 0;
}
