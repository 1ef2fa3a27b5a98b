// SPDX-License-Identifier: GPL-2.0-only
// A wait_event condition together with the cells it reads: the engine evaluates it atomically and knows what it depends on.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal abstract class WaitCondition
{
    /// <summary>The cells the condition declared, as the waiter's pending step shows them.</summary>
    public abstract IReadOnlyList<ObjectRef> Reads { get; }

    /// <summary>Whether reading <paramref name="cell"/> inside the condition was declared.</summary>
    public abstract bool Declares(ControlledPrimitive cell);

    public abstract bool Evaluate();

    /// <summary>The cell the condition reads (the data-race detector treats a true condition as an acquire of it).</summary>
    public abstract ControlledPrimitive Cell { get; }
}

/// <summary>A condition on one cell's value.</summary>
internal sealed class CellCondition<T>(ControlledCell<T> cell, Func<T, bool> predicate) : WaitCondition
{
    private ObjectRef[]? _reads;

    // Built on first demand: most runs never ask a pending access what it reads.
    public override IReadOnlyList<ObjectRef> Reads => _reads ??= [new ObjectRef(cell.Name, cell.Id)];

    public override bool Declares(ControlledPrimitive read) => ReferenceEquals(read, cell);

    public override bool Evaluate() => predicate(cell.Peek());

    public override ControlledPrimitive Cell => cell;
}
