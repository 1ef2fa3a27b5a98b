// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// The uncontrolled-nondeterminism check: runs a schedule twice more, following its decisions,
/// and compares every scheduling point (threads, enabled set, pending accesses). A difference
/// means the body depends on something the engine does not control: time, real randomness, hash
/// order, or state left over from an earlier schedule.
/// </summary>
internal static class DeterminismCheck
{
    /// <summary>Null when both runs agree, else a harness error naming the first differing point.</summary>
    public static Bug? Check(ControlledRuntime runtime, TestProgram program, IReadOnlyList<Decision> decisions, int maxSteps)
    {
        var first = Record(runtime, program, decisions, maxSteps);
        var second = Record(runtime, program, decisions, maxSteps);
        return FingerprintRecorder.FirstDifference(first, second) is { } difference
            ? new Bug(BugKind.HarnessError, difference, 0, "(engine)", Component: BugComponent.Harness)
            : null;
    }

    private static FingerprintRecorder Record(ControlledRuntime runtime, TestProgram program, IReadOnlyList<Decision> decisions, int maxSteps)
    {
        var recorder = new FingerprintRecorder();
        var replay = new ReplayStrategy(decisions);
        replay.InitializeIteration(0);
        runtime.Fingerprints = recorder;
        try
        {
            runtime.Run(program.Body, replay, maxSteps);
        }
        finally
        {
            runtime.Fingerprints = null;
        }

        return recorder;
    }
}
