// SPDX-License-Identifier: GPL-2.0-only
// Classic data-race benchmarks (SV-COMP pthread, SCTBench), written afresh from their descriptions.
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples.Benchmarks;

/// <summary>Unsynchronised shared data: torn pairs, lost increments, a container whose index and contents drift apart.</summary>
public static class DataBenchmarks
{
    /// <summary>
    /// reorder_N: setters write a = 1 then b = -1; checkers assert they see both or neither. A
    /// checker between a setter's two writes sees one only. N threads in all, half of each kind.
    /// </summary>
    public static Func<IRuntime, Task> Reorder(int threads) => rt =>
    {
        var a = rt.NewCell("a", 0);
        var b = rt.NewCell("b", 0);
        for (var t = 0; t < threads; t++)
        {
            if (t % 2 == 0)
            {
                rt.Spawn($"setter{t}", async () =>
                {
                    await a.WriteOnce(1);
                    await b.WriteOnce(-1);
                });
            }
            else
            {
                rt.Spawn($"checker{t}", async () =>
                {
                    var seenA = await a.ReadOnce();
                    var seenB = await b.ReadOnce();
                    rt.Assert((seenA, seenB) is (0, 0) or (1, -1), $"saw a={seenA}, b={seenB}");
                });
            }
        }

        return Task.CompletedTask;
    };

    /// <summary>
    /// fib_bench: two threads add i += j and j += i, <paramref name="rounds"/> times each; the
    /// largest values need strict alternation, a deep bug (the assertion bounds them below that).
    /// </summary>
    public static Func<IRuntime, Task> Fib(int rounds, int bound) => rt =>
    {
        var i = rt.NewCell("i", 1);
        var j = rt.NewCell("j", 1);
        var done = rt.NewAtomic("done", 0);
        rt.Spawn("t1", () => Add(i, j));
        rt.Spawn("t2", () => Add(j, i));
        return Task.CompletedTask;

        async Task Add(ICell<int> target, ICell<int> other)
        {
            for (var k = 0; k < rounds; k++) await target.WriteOnce(target.Peek() + await other.ReadOnce());
            if (await done.AddReturn(1) == 2)
                rt.Assert(i.Peek() < bound && j.Peek() < bound, $"i={i.Peek()}, j={j.Peek()} reached {bound}");
        }
    };

    /// <summary>stack: push and pop share a top index without a lock; a pop between a push's two steps underflows.</summary>
    public static Task Stack(IRuntime rt)
    {
        var top = rt.NewCell("top", 0);
        var slots = Enumerable.Range(0, 4).Select(k => rt.NewCell($"slot{k}", 0)).ToArray();
        rt.Spawn("pusher", async () =>
        {
            for (var v = 1; v <= 2; v++)
            {
                var at = await top.ReadOnce();
                await top.WriteOnce(at + 1);   // index first, then the element: the bug
                await slots[at].WriteOnce(v);
            }
        });
        rt.Spawn("popper", async () =>
        {
            for (var k = 0; k < 2; k++)
            {
                var at = await top.ReadOnce();
                if (at == 0) continue;
                rt.Assert(await slots[at - 1].ReadOnce() != 0, "popped a slot not yet written");
                await top.WriteOnce(at - 1);
            }
        });
        return Task.CompletedTask;
    }

    /// <summary>queue: the enqueuer raises "not empty" before storing the element; a dequeuer trusting the flag reads nothing.</summary>
    public static Task Queue(IRuntime rt)
    {
        var head = rt.NewCell("head", 0);
        var notEmpty = rt.NewCell("not_empty", false);
        var guard = rt.NewMutex("m");
        rt.Spawn("enqueue", async () =>
        {
            await notEmpty.WriteOnce(true);
            await guard.Lock();
            await head.Write(42);
            await guard.Unlock();
        });
        rt.Spawn("dequeue", async () =>
        {
            if (!await notEmpty.ReadOnce()) return;
            await guard.Lock();
            rt.Assert(await head.Read() == 42, "dequeued from an empty queue");
            await guard.Unlock();
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// circular_buffer: producer and consumer share a ring of 2 slots and an unlocked count; the
    /// count's read-modify-writes race, so the consumer can run ahead and read a slot twice.
    /// </summary>
    public static Task CircularBuffer(IRuntime rt)
    {
        var slots = new[] { rt.NewCell("slot0", 0), rt.NewCell("slot1", 0) };
        var count = rt.NewCell("count", 0);
        rt.Spawn("producer", async () =>
        {
            for (var v = 1; v <= 3; v++)
            {
                if (await count.ReadOnce() == slots.Length) continue;
                await slots[(v - 1) % slots.Length].WriteOnce(v);
                await count.WriteOnce(await count.ReadOnce() + 1);
            }
        });
        rt.Spawn("consumer", async () =>
        {
            var expected = 1;
            for (var k = 0; k < 3; k++)
            {
                if (await count.ReadOnce() == 0) continue;
                var value = await slots[(expected - 1) % slots.Length].ReadOnce();
                rt.Assert(value == expected, $"consumed {value}, expected {expected}");
                expected++;
                await count.WriteOnce(await count.ReadOnce() - 1);
            }
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// token_ring: each of 3 threads copies its left neighbour's token into its own; a checker
    /// asserts all tokens agree, which holds only when the copies run in ring order.
    /// </summary>
    public static Task TokenRing(IRuntime rt)
    {
        var tokens = Enumerable.Range(0, 3).Select(k => rt.NewCell($"x{k}", k == 0 ? 1 : 0)).ToArray();
        var done = rt.NewAtomic("done", 0);
        for (var t = 1; t < tokens.Length; t++)
        {
            var (left, own) = (tokens[t - 1], tokens[t]);
            rt.Spawn($"t{t}", async () =>
            {
                await own.WriteOnce(await left.ReadOnce());
                if (await done.AddReturn(1) == tokens.Length - 1)
                    rt.Assert(tokens.All(x => x.Peek() == 1), "the token did not go round");
            });
        }

        return Task.CompletedTask;
    }
}
