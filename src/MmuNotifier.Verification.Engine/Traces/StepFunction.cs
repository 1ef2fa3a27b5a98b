// SPDX-License-Identifier: GPL-2.0-only
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Names the function of the model code that is about to take a step: the innermost async
/// method outside the engine on the stack, if it carries an <see cref="INamedFunction"/>
/// attribute. Only that one frame counts: a step is always an await, so the method taking it is
/// the innermost running state machine, while the frames beyond it may be callers (on a first
/// await) or callees finishing (on a resumption), so they cannot say who called whom. Async
/// frames are never inlined away, which keeps the answer the same on every replay. Used only
/// while steps are recorded (replay), so walking the stack is affordable.
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
            if (!typeof(IAsyncStateMachine).IsAssignableFrom(type) || type.Assembly == typeof(StepFunction).Assembly) continue;
            return ByStateMachine.GetOrAdd(type, NameOf);
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
