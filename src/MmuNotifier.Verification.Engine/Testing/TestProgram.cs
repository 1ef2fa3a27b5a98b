// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// A concurrent test body plus the identity written into its traces. The body is called once per
/// schedule with a fresh runtime and must build all of its state anew each time: nothing may
/// leak from one schedule into the next (the determinism check catches it when it does).
/// </summary>
public sealed record TestProgram(TraceSubject Subject, Func<IRuntime, Task> Body)
{
    /// <summary>Defect variants switched on, recorded in traces.</summary>
    public IReadOnlyList<string> Defects { get; init; } = [];

    /// <summary>Documented races of the code under test (KCSAN): counted by name, not reported as bugs.</summary>
    public IReadOnlyList<Checking.KnownRace> KnownRaces { get; init; } = [];

    /// <summary>The trace subject kind of the engine's sample programs.</summary>
    public const string SampleKind = "sample";

    public static TestProgram Sample(string name, Func<IRuntime, Task> body) => new(new TraceSubject(SampleKind, name), body);
}
