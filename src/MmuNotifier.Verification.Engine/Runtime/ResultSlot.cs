// SPDX-License-Identifier: GPL-2.0-only
using System.Threading.Tasks.Sources;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// A typed value carried through one access of a thread: the value a read returns, or the value
/// a pending write will store. One per thread and type, reused, so generic cells allocate nothing.
/// </summary>
internal sealed class ResultSlot<T>(LogicalThread thread) : IValueTaskSource<T>
{
    public T Value = default!;

    public T GetResult(short token)
    {
        thread.Consumed();
        var value = Value;
        Value = default!;
        return value;
    }

    public ValueTaskSourceStatus GetStatus(short token) => thread.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        thread.OnCompleted(continuation, state, token, flags);

    public ValueTask<T> AsValueTask() => new(this, thread.Commit());
}

/// <summary>Gives each result type a small index into a thread's slot table.</summary>
internal static class SlotType
{
    private static int _next;

    public static int Allocate() => Interlocked.Increment(ref _next) - 1;
}

internal static class SlotType<T>
{
    public static readonly int Index = SlotType.Allocate();
}
