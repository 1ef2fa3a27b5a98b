// SPDX-License-Identifier: GPL-2.0-only
// cond_resched(): a scheduling point that changes nothing, so another thread may run.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

/// <summary>A scheduling point with no effect: lets another thread run (cond_resched).</summary>
internal sealed class YieldPoint(ControlledRuntime runtime) : ControlledPrimitive(runtime, "yield", owner: null)
{
    public ValueTask Yield() => Runtime.Begin(this, AccessKind.Yield).AsValueTask();

    public override bool Execute(LogicalThread thread, AccessKind kind) => true;
}
