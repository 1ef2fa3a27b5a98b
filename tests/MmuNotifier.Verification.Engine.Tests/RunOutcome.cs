// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>What two runs that must agree are compared on: steps, schedule, step bound and bug texts.</summary>
internal static class RunOutcome
{
    public static string Of(ControlledRuntime runtime) =>
        $"steps {runtime.Steps} hash {runtime.ScheduleHash} bound {runtime.HitStepBound} decisions {string.Join(",", runtime.Decisions)} " +
        $"bugs [{string.Join(" | ", runtime.Bugs.Select(b => $"{b.Kind} {b.Thread}: {b.Message}"))}]";
}
