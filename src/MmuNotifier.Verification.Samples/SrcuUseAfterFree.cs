// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// An SRCU-protected pointer to an object. The reader dereferences it inside a read-side section;
/// the writer must unlink it, wait for a grace period, and only then free it.
/// </summary>
public static class SrcuUseAfterFree
{
    private sealed class Node(IRuntime rt)
    {
        public ILifetime Life { get; } = rt.NewLifetime("node");
    }

    public static Task FreeWithoutSync(IRuntime rt) => Run(rt, Writer.UnlinkFree);

    public static Task FreeBeforeUnlink(IRuntime rt) => Run(rt, Writer.FreeUnlink);

    public static Task UnlinkSyncFree(IRuntime rt) => Run(rt, Writer.UnlinkSyncFree);

    public static Task UnlinkCallSrcu(IRuntime rt) => Run(rt, Writer.UnlinkCallSrcu);

    private enum Writer
    {
        UnlinkFree,
        FreeUnlink,
        UnlinkSyncFree,
        UnlinkCallSrcu,
    }

    private static Task Run(IRuntime rt, Writer writer)
    {
        var srcu = rt.NewSrcu("srcu");
        var node = new Node(rt);
        var value = rt.NewCell("node.value", 42, node.Life);
        var head = rt.NewCell<Node?>("head", node);

        rt.Spawn("reader", async () =>
        {
            var idx = await srcu.ReadLock();
            var seen = await head.ReadOnce();
            if (seen is not null) _ = await value.ReadOnce();
            await srcu.ReadUnlock(idx);
        });
        rt.Spawn("writer", async () =>
        {
            switch (writer)
            {
                case Writer.UnlinkFree:
                    await head.WriteOnce(null);
                    await node.Life.Free();
                    break;
                case Writer.FreeUnlink:
                    await node.Life.Free();
                    await head.WriteOnce(null);
                    break;
                case Writer.UnlinkSyncFree:
                    await head.WriteOnce(null);
                    await srcu.Synchronize();
                    await node.Life.Free();
                    break;
                case Writer.UnlinkCallSrcu:
                    await head.WriteOnce(null);
                    await srcu.CallSrcu("free node", async () => await node.Life.Free());
                    break;
            }
        });
        return Task.CompletedTask;
    }
}
