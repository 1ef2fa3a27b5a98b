// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Real;

namespace MmuNotifier.Verification.Engine.Tests.Real;

/// <summary>Shared helpers: run a body on a fresh real runtime, force orders without timing guesses.</summary>
internal static class RealRun
{
    /// <summary>A generous hard timeout so a loaded CI machine never turns a slow run into a finding.</summary>
    public static readonly RealRuntimeOptions Generous = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static RealRunResult Run(Func<IRuntime, Task> body, RealRuntimeOptions? options = null) =>
        new RealRuntime(options ?? Generous).Run(body);

    public static void AssertClean(RealRunResult result) =>
        Assert.True(result.Bugs.Count == 0, string.Join("\n", result.Bugs));

    public static Bug AssertSingleBug(RealRunResult result, BugKind kind)
    {
        var bug = Assert.Single(result.Bugs);
        Assert.Equal(kind, bug.Kind);
        Assert.False(result.Abandoned);
        return bug;
    }

    /// <summary>Waits (bounded) until a spawned thread is blocked inside a primitive.</summary>
    public static void UntilBlocked(IThreadHandle handle)
    {
        var thread = (RealThreadHandle)handle;
        Assert.True(SpinWait.SpinUntil(() => thread.WaitingOn is not null, TimeSpan.FromSeconds(5)), $"{handle.Name} never blocked");
    }

    public static void Signal(ManualResetEventSlim gate) => gate.Set();

    public static void Await(ManualResetEventSlim gate) =>
        Assert.True(gate.Wait(TimeSpan.FromSeconds(5)), "forcing event never signalled");
}
