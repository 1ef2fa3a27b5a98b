// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Primitives;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// Every read is declared: a wait_event condition names the cells it reads, and a Peek of any
/// other controlled cell while it is evaluated is reported, since then the waiter would depend on
/// state no strategy (and no future reduction) can see.
/// </summary>
internal sealed partial class ControlledRuntime
{
    private WaitCondition? _evaluating;
    private ControlledPrimitive? _evaluatingQueue;

    /// <summary>True only while a wait_event condition runs: the one test every Peek pays.</summary>
    internal bool IsEvaluatingCondition => _evaluating is not null;

    internal bool EvaluateCondition(WaitCondition condition, ControlledPrimitive queue)
    {
        _evaluating = condition;
        _evaluatingQueue = queue;
        try
        {
            return condition.Evaluate();
        }
        finally
        {
            _evaluating = null;
            _evaluatingQueue = null;
        }
    }

    /// <summary>A Peek of <paramref name="cell"/> inside a condition: fine if declared, a harness error if not.</summary>
    internal void CheckConditionRead(ControlledPrimitive cell)
    {
        if (_evaluating is null || _evaluating.Declares(cell)) return;
        StopWith(BugKind.HarnessError,
            $"{CurrentThreadName}: the wait_event condition on {_evaluatingQueue!.Name} reads {cell.Name} without declaring it; " +
            $"pass {cell.Name} to WaitEvent(cell, condition) so the engine knows the waiter depends on it",
            component: BugComponent.Harness);
    }
}
