// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Tests.Dpor;

/// <summary>
/// The frame of the generated programs the DPOR-against-DFS tests compare: 2 or 3 threads that
/// share a budget of accesses, each drawing ops until its share is used. The draws are made in
/// one fixed order, so a seed always gives the same program.
/// </summary>
internal static class GeneratedThreads
{
    /// <param name="newOp">Draws the next top-level op with at most the given accesses left, or null to end the thread.</param>
    /// <param name="accesses">How many accesses an op makes, nested ones included.</param>
    public static TOp[][] Deal<TOp>(Random random, int maxAccesses, Func<int, TOp?> newOp, Func<TOp, int> accesses) where TOp : class
    {
        var threads = new TOp[random.Next(2, 4)][];
        var budget = maxAccesses;
        for (var t = 0; t < threads.Length; t++)
        {
            var ops = new List<TOp>();
            var share = budget / (threads.Length - t);
            var used = 0;
            while (used < share)
            {
                var op = newOp(share - used);
                if (op is null) break;
                ops.Add(op);
                used += accesses(op);
            }

            budget -= used;
            threads[t] = [.. ops];
        }

        return threads;
    }
}
