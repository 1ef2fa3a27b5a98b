// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>The closed set of things a run can report.</summary>
public enum BugKind
{
    Assertion,
    WarnOn,
    BugOn,
    InvariantViolation,
    UnhandledException,
    Deadlock,
    SleepInAtomic,
    UseAfterFree,
    DoubleFree,
    /// <summary>A lockdep report that is not a deadlock: a lock or lock map still held when its thread finishes.</summary>
    Lockdep,
    /// <summary>KCSAN: two conflicting accesses, at least one plain, that happens-before does not order.</summary>
    DataRace,
    /// <summary>
    /// A liveness monitor stayed hot: the run ended with a progress obligation pending, or (under a
    /// fair strategy) it stayed hot past the liveness threshold or up to the step bound. Not a
    /// deadlock (threads could run) and not a mere step-bound cut (the schedule was fair).
    /// </summary>
    Liveness,
    /// <summary>The step bound was exceeded: possibly a livelock or an unfair spin loop; reported apart from bugs.</summary>
    StepBoundExceeded,
    /// <summary>The model escaped the engine's control or behaved nondeterministically.</summary>
    HarnessError,
    /// <summary>Replay: the model no longer follows the trace.</summary>
    ReplayDivergence,
}

/// <summary>Whose contract a violation breaks: the port's own state, a driver's, or a WARN in the port.</summary>
public enum BugComponent
{
    Core,
    Driver,
    Warning,
    Harness,
}
