// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// KASAN's classic shape: cpu1 picks up a pointer to an object, cpu0 unlinks and frees it, and cpu1
/// then reads an ordinary field of it. The read is not a scheduling point; it is still reported as a
/// use-after-free naming the step that freed the object. In the twin cpu0 waits for cpu1 to be
/// done with the object (as a driver flushes its work before kfree) before freeing it.
/// </summary>
public static class UafPlain
{
    private sealed class Node
    {
        public Node(IRuntime rt)
        {
            Life = rt.NewLifetime("node");
            Value = new Plain<int>(Life, "node.value", 42);
        }

        public ILifetime Life { get; }

        public Plain<int> Value { get; }
    }

    public static Task FreeWhileInUse(IRuntime rt) => Run(rt, waitForReader: false);

    public static Task FreeAfterReader(IRuntime rt) => Run(rt, waitForReader: true);

    private static async Task Run(IRuntime rt, bool waitForReader)
    {
        var node = new Node(rt);
        var head = rt.NewCell<Node?>("head", node);
        var reader = rt.Spawn("cpu1", async () =>
        {
            var seen = await head.ReadOnce();
            await rt.Yield();
            if (seen is not null) rt.Assert(seen.Value.Value == 42, "node.value changed under the reader");
        });
        var freer = rt.Spawn("cpu0", async () =>
        {
            await head.WriteOnce(null);
            if (waitForReader) await reader.Join();
            await node.Life.Free();
        });
        await freer.Join();
        await reader.Join();
    }
}
