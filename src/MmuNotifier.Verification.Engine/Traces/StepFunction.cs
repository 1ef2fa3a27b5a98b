// SPDX-License-Identifier: GPL-2.0-only
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Names the function that takes a step: the async method awaiting it, if that method carries an
/// <see cref="INamedFunction"/> attribute. A thread parked at a step holds the continuation the
/// runtime's await machinery gave it, whose state is the awaiting method's state-machine box;
/// the box's type names the state machine, and the state machine its method. This reads the
/// awaiting method itself rather than a stack walk, so JIT inlining cannot change the answer
/// between replays. Only the awaiting method counts, not its callers, which the await machinery
/// does not record. Used only while steps are recorded (replay).
/// </summary>
internal static class StepFunction
{
    private static readonly ConcurrentDictionary<Type, string?> ByBox = new();

    /// <param name="continuationState">The state the awaiter was registered with (null, or not a box: no name).</param>
    public static string? Of(object? continuationState) =>
        continuationState is null ? null : ByBox.GetOrAdd(continuationState.GetType(), NameOfBox);

    private static string? NameOfBox(Type box)
    {
        if (!box.IsGenericType) return null;
        var stateMachine = box.GetGenericArguments().FirstOrDefault(typeof(IAsyncStateMachine).IsAssignableFrom);
        return stateMachine is null ? null : NameOf(stateMachine);
    }

    /// <summary>The name on the async method whose compiler-generated state machine is <paramref name="stateMachine"/>.</summary>
    private static string? NameOf(Type stateMachine)
    {
        var owner = stateMachine.DeclaringType;
        if (owner is null) return null;
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var method in owner.GetMethods(all))
        {
            if (method.GetCustomAttribute<AsyncStateMachineAttribute>()?.StateMachineType != stateMachine) continue;
            return method.GetCustomAttributes().OfType<INamedFunction>().FirstOrDefault()?.Name;
        }

        return null;
    }
}
