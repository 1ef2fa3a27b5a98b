// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// One executed step of a recorded run: the thread, what it did to which object, the value it
/// saw or wrote, and the kernel-level notes the model attached while running that step.
/// </summary>
public sealed record StepRecord(
    int Step,
    int ThreadId,
    string Thread,
    AccessKind Access,
    string Target,
    string? Detail,
    IReadOnlyList<string> Notes);
