// SPDX-License-Identifier: GPL-2.0-only
// A nondeterministic choice (fault injection) whose value the strategy decides and the schedule records.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal sealed class ChoicePoint(ControlledRuntime runtime) : ControlledPrimitive(runtime, "choice", owner: null)
{
    public ValueTask<int> Choose(string name, int count) => Start(name, count).AsIntTask();

    public ValueTask<bool> ChooseBool(string name) => Start(name, 2).AsBoolTask();

    private LogicalThread Start(string name, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var thread = Runtime.Begin(this, AccessKind.Choose);
        thread.ArgName = name;
        thread.Arg1 = count;
        return thread;
    }

    public override bool Execute(LogicalThread thread, AccessKind kind)
    {
        thread.ResultInt = Runtime.NextChoice((int)thread.Arg1);
        thread.ResultBool = thread.ResultInt == 1;
        return true;
    }

    public override string? DescribeDetail(LogicalThread thread, AccessKind kind) => $"{thread.ArgName} -> {thread.ResultInt}";
}
