// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// A shrunk failure: the minimal scenario as written (its Path and ContentHash are the file's),
/// the shortest failing schedule found for it and where both were written, so that
/// <c>mmu-verify replay TracePath</c> reproduces it.
/// </summary>
/// <param name="Original">The first failing scenario FsCheck generated, before shrinking.</param>
/// <param name="ShrinkSteps">Smaller failing scenarios FsCheck adopted on the way down.</param>
/// <param name="PreemptionBound">The lowest DFS preemption bound that fails, or null when only sampling found it.</param>
public sealed record Counterexample(
    Scenario Original,
    Scenario Scenario,
    int ShrinkSteps,
    FindingSignature Signature,
    int? PreemptionBound,
    BugReport Report,
    string TracePath);
