// SPDX-License-Identifier: GPL-2.0-only
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Finds the innermost named function (see <see cref="INamedFunction"/>) on the stack of the
/// model code that is about to take a step. Only async methods count: a step is always an await,
/// so the function that takes it is the async method whose state machine is running, and the
/// JIT never inlines those frames away, which keeps the answer the same on every replay.
/// Used only while steps are recorded (replay), so walking the stack is affordable.
/// </summary>
internal static class StepFunction
{
    private static readonly ConcurrentDictionary<Type, string?> ByStateMachine = new();

    public static string? Innermost()
    {
        var frames = new StackTrace(2, false).GetFrames();
        foreach (var frame in frames)
        {
            if (frame.GetMethod() is not { Name: nameof(IAsyncStateMachine.MoveNext), DeclaringType: { } type }) continue;
            if (!typeof(IAsyncStateMachine).IsAssignableFrom(type)) continue;
            if (ByStateMachine.GetOrAdd(type, NameOf) is { } name) return name;
        }

        return null;
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
