// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>Whether a schedule decision picked a thread or the value of a nondeterministic choice.</summary>
public enum DecisionKind : byte
{
    Thread,
    Choice,
}

/// <summary>One entry of a schedule: which thread ran the next step, or which value a choice took.</summary>
public readonly record struct Decision(DecisionKind Kind, int Value)
{
    public static Decision Thread(int threadId) => new(DecisionKind.Thread, threadId);

    public static Decision Choice(int value) => new(DecisionKind.Choice, value);

    public override string ToString() => Kind == DecisionKind.Thread ? $"t{Value}" : $"c{Value}";
}
