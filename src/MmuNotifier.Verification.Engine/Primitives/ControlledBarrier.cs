// SPDX-License-Identifier: GPL-2.0-only
// A barrier: arriving is a scheduling point; the waiting that follows is "disabled until the round completes", never a spin.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal sealed class ControlledBarrier(ControlledRuntime runtime, string name, int parties)
    : ControlledPrimitive(runtime, name, owner: null), IBarrier
{
    private string? _waitText;
    private int _arrived;
    private long _round;

    public int Parties { get; } = parties > 0 ? parties : throw new ArgumentOutOfRangeException(nameof(parties), "a barrier needs a party");

    public ValueTask Wait()
    {
        Runtime.MightSleep(_waitText ??= $"barrier_wait({Name})");
        return Runtime.Begin(this, AccessKind.BarrierWait).AsValueTask();
    }

    // Phase 0: arrive; phase 1: wait for the round (kept in Arg1) to be over.
    public override bool IsEnabled(LogicalThread thread, AccessKind kind) => thread.Phase == 0 || _round > thread.Arg1;

    public override bool Execute(LogicalThread thread, AccessKind kind)
    {
        if (thread.Phase == 1)
        {
            thread.Sleeping = false;
            return true;
        }

        thread.Arg1 = _round;
        if (++_arrived == Parties)
        {
            _arrived = 0;
            _round++;
            return true;
        }

        // Asleep until the round's last arrival, as on a wait queue until its wake-up (what DPOR orders the two by).
        thread.Phase = 1;
        thread.Sleeping = true;
        return false;
    }

    public override string DescribeWait(LogicalThread thread, AccessKind kind) =>
        $"barrier_wait {Name}: {_arrived} of {Parties} arrived, no one else to come";

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) =>
        thread.Phase == 1 ? $"waits ({_arrived}/{Parties})" : "last to arrive: round over";
}
