// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// One executed step of a recorded run: the thread, what it did to which object, the value it
/// saw or wrote, and the kernel-level notes the model attached while running that step.
/// <paramref name="Locks"/> is the thread's held-lock stack after the step, innermost last
/// ("none" when empty; null when lockdep, which keeps the stack, was off), and
/// <paramref name="Function"/> the ported kernel function that took the step (an async method
/// marked with an <see cref="INamedFunction"/> attribute), or null outside any.
/// </summary>
public sealed record StepRecord(
    int Step,
    int ThreadId,
    string Thread,
    AccessKind Access,
    string Target,
    string? Detail,
    IReadOnlyList<string> Notes,
    string? Locks = null,
    string? Function = null);
