// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// The classic pthread_create bug: a loop hands each worker the address of its loop variable, and
/// each worker reads its id from there when it starts. If the parent moves on before a worker
/// starts, two workers read the same id and one slot is never claimed. The variable is plain
/// memory (C stack), not a cell, as in the C program: the bug is visible only when spawn is a
/// scheduling point (<c>--spawn-point</c>), so a child can start after its parent continued.
/// Under the default eager start each child reads its id inside its parent's step and the
/// program is correct. The twin copies the id into the closure, as passing i by value does.
/// </summary>
public static class ArgByAddress
{
    private const int Workers = 3;

    public static Task ByAddress(IRuntime rt) => Run(rt, byValue: false);

    public static Task ByValue(IRuntime rt) => Run(rt, byValue: true);

    private sealed class StackSlot
    {
        public int I;
    }

    private static async Task Run(IRuntime rt, bool byValue)
    {
        var slots = Enumerable.Range(0, Workers).Select(i => rt.NewAtomic($"claimed[{i}]", 0)).ToArray();
        var created = rt.NewAtomic("nthreads", 0);
        var i = new StackSlot();
        var threads = new List<IThreadHandle>();
        for (i.I = 0; i.I < Workers; i.I++)
        {
            var copy = i.I;
            threads.Add(rt.Spawn($"worker{i.I}", async () =>
            {
                var id = byValue ? copy : i.I;  // *(int *)arg, read when the thread starts
                rt.Assert(id < Workers, $"a worker read i = {id} after the loop had ended");
                await slots[id].AddReturn(1);
            }));
            await created.AddReturn(1);  // the parent's own bookkeeping: a scheduling point between creations
        }

        foreach (var thread in threads) await thread.Join();
        for (var slot = 0; slot < Workers; slot++)
        {
            var claims = await slots[slot].Read();
            rt.Assert(claims == 1, $"slot {slot} claimed {claims} times: a worker read the loop variable after the parent had moved it on");
        }
    }
}
