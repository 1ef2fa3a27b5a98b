// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: wait_event re-tests its condition after every wake-up, and testing and queueing are one step, so no wake-up is lost.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal sealed class ControlledWaitQueue(ControlledRuntime runtime, string name, ControlledLifetime? owner)
    : ControlledPrimitive(runtime, name, owner), IWaitQueue
{
    // Might-sleep texts, built once per queue rather than at every wait.
    private string? _waitText;
    private string? _sleepText;
    private readonly List<LogicalThread> _sleepers = [];

    /// <summary>This queue as a new, empty one of the next run (<see cref="ControlledRuntime.NewWaitQueue"/>).</summary>
    internal ControlledWaitQueue Recycle(string name, ControlledLifetime? owner)
    {
        if (!Renew(name, owner)) _waitText = _sleepText = null;
        _sleepers.Clear();
        return this;
    }

    public ValueTask WaitEvent<T>(ICell<T> cell, Func<T, bool> condition)
    {
        Runtime.MightSleep(_waitText ??= $"wait_event({Name})");
        var declared = cell as ControlledCell<T>
            ?? throw new ArgumentException("a controlled wait queue can only wait on a cell made by the same runtime", nameof(cell));
        var thread = Runtime.Begin(this, AccessKind.Wait);
        thread.ArgObject = new CellCondition<T>(declared, condition);
        thread.Sleeping = false;
        return thread.AsValueTask();
    }

    public ValueTask SleepUntilWoken()
    {
        Runtime.MightSleep(_sleepText ??= $"schedule() on {Name}");
        var thread = Runtime.Begin(this, AccessKind.Sleep);
        thread.Sleeping = false;
        return thread.AsValueTask();
    }

    /// <summary>Threads asleep on this queue (tests).</summary>
    internal int SleeperCount => _sleepers.Count;

    public ValueTask WakeUpAll() => Runtime.Begin(this, AccessKind.Wake).AsValueTask();

    public override bool IsEnabled(LogicalThread thread, AccessKind kind) => !thread.Sleeping;

    public override bool Execute(LogicalThread thread, AccessKind kind)
    {
        switch (kind)
        {
            case AccessKind.Wait:
                var condition = (WaitCondition)thread.ArgObject!;
                if (Runtime.EvaluateCondition(condition, this))
                {
                    Runtime.KcsanConditionHeld(thread, condition.Cell);
                    return Finish(thread);
                }

                GoToSleep(thread);
                return false;
            case AccessKind.Sleep:
                // Phase 0: go to sleep; phase 1: woken, carry on whatever the state is.
                if (thread.Phase == 1) return Finish(thread);
                thread.Phase = 1;
                GoToSleep(thread);
                return false;
            default:
                foreach (var sleeper in _sleepers) sleeper.Sleeping = false;
                thread.ResultInt = _sleepers.Count;
                _sleepers.Clear();
                return true;
        }
    }

    private void GoToSleep(LogicalThread thread)
    {
        thread.Sleeping = true;
        _sleepers.Add(thread);
    }

    private static bool Finish(LogicalThread thread)
    {
        thread.ArgObject = null;
        return true;
    }

    public override IReadOnlyList<ObjectRef>? DeclaredReads(LogicalThread thread, AccessKind kind) =>
        kind == AccessKind.Wait ? ((WaitCondition)thread.ArgObject!).Reads : null;

    public override string DescribeWait(LogicalThread thread, AccessKind kind) => kind == AccessKind.Wait
        ? $"wait_event on {Name}: condition false, no wake-up to come"
        : $"sleeping on {Name}, no wake-up to come";

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) => kind switch
    {
        AccessKind.Wake => $"woke {thread.ResultInt}",
        AccessKind.Wait => thread.Sleeping ? "condition false, sleeps" : "condition true",
        _ => null,
    };
}
