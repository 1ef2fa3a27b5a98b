// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>What a bounded depth-first search counts against its bound.</summary>
public enum DfsBound
{
    /// <summary>
    /// Preemptions (Musuvathi and Qadeer, PLDI 2007): switching away from a thread that could go
    /// on costs one; a switch at a yield or where the running thread blocked is free.
    /// </summary>
    Preemptions,

    /// <summary>
    /// Delays (Emmi, Qadeer and Rakamarić, "Delay-Bounded Scheduling", POPL 2011): a
    /// deterministic non-preemptive round-robin scheduler runs the current thread until it blocks
    /// or yields, then the next thread by id; taking the i-th thread of that order instead of the
    /// first costs i delays.
    /// </summary>
    Delays,
}
