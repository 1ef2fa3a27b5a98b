// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule (LKMM): smp_mb() orders everything before it against everything after it, and full fences are totally ordered.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

/// <summary>
/// The full fences of a weak-memory run, as loom models SeqCst fences: one engine-wide clock that
/// every smp_mb() (and every fully ordered atomic) joins into and takes from, so of two fences the
/// later one sees all the earlier one's thread had seen. A scheduling point only under lkmm: the
/// order of fences is what the exploration branches over. Its identity is fixed so DPOR can tell
/// fence-ordered steps apart.
/// </summary>
internal sealed class ControlledFence(ControlledRuntime runtime) : ControlledPrimitive(runtime, "smp_mb", ObjectId)
{
    public const int ObjectId = int.MaxValue;

    public ValueTask Start() => Runtime.Begin(this, AccessKind.Fence).AsValueTask();

    public override bool Execute(LogicalThread thread, AccessKind kind)
    {
        Runtime.FullFence(thread);
        return true;
    }
}
