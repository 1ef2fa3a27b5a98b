// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Partial order sampling (Yuan, Yang and Gu, "Partial Order Aware Concurrency Sampling", CAV
/// 2018): every pending access holds a random priority and the enabled thread whose access has
/// the highest runs. After an access runs, the pending accesses that race with it (dependent:
/// same object, not both reads, or a wait condition reading it) draw fresh priorities, so each
/// partial order is sampled with a probability that does not shrink with the number of
/// independent interleavings of it, unlike a uniform random walk. Each schedule draws from its
/// own generator seeded by (seed, iteration), so schedule i is the same on any worker.
/// </summary>
public sealed class PosStrategy(ulong seed) : IStrategy
{
    public static StrategyDescriptor Descriptor { get; } = new("pos", settings => new PosStrategy(settings.Seed))
    {
        Aliases = ["partial-order-sampling"],
    };

    private readonly List<ulong?> _priority = [];  // by thread id; null: its pending access has no priority yet
    private Rng _rng;

    public string Name => Descriptor.Name;

    public bool InitializeIteration(long iteration)
    {
        _rng = new Rng(Rng.ForIteration(seed, iteration, salt: 0x905));
        _priority.Clear();
        return true;
    }

    public int NextThread(in SchedulingView view)
    {
        var best = -1;
        var bestPriority = 0UL;
        foreach (var id in view.Enabled)
        {
            while (_priority.Count <= id) _priority.Add(null);
            var priority = _priority[id] ??= _rng.NextULong();
            if (best >= 0 && priority <= bestPriority) continue;
            best = id;
            bestPriority = priority;
        }

        var ran = view.Pending(best);
        foreach (var id in view.Enabled)
            if (id != best && Dependent(ran, view.Pending(id))) _priority[id] = null;
        _priority[best] = null;  // its next access is a new event
        return best;
    }

    public int NextChoice(int count) => _rng.Next(count);

    /// <summary>Whether two pending accesses race: they touch one object and one of them may write it.</summary>
    internal static bool Dependent(PendingAccess a, PendingAccess b)
    {
        if (a.TargetId < 0 || b.TargetId < 0) return false;  // yields, choices: touch nothing shared
        if (a.TargetId == b.TargetId) return !(IsRead(a.Kind) && IsRead(b.Kind));
        return Reads(a, b.TargetId) && !IsRead(b.Kind) || Reads(b, a.TargetId) && !IsRead(a.Kind);
    }

    private static bool Reads(PendingAccess access, int target) => access.Reads?.Any(r => r.Id == target) == true;

    private static bool IsRead(AccessKind kind) => kind is AccessKind.Read or AccessKind.ReadOnce or AccessKind.LoadAcquire;
}
