// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Samples;

/// <summary>
/// A small program shipped with the engine: a classic concurrency bug, or its corrected twin.
/// <paramref name="WeakMemoryBug"/>: the bug shows only under the weak-memory mode (a litmus
/// test whose relaxed outcome sequential consistency cannot produce).
/// </summary>
public sealed record SampleProgram(string Name, string Description, bool HasBug, Func<IRuntime, Task> Body, bool WeakMemoryBug = false)
{
    public TestProgram ToProgram() => TestProgram.Sample(Name, Body);
}
