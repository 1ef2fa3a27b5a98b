// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Programs;

/// <summary>
/// Something `test` can explore: a program plus whether a bug in it is expected (a deliberately
/// broken sample, a scenario that expects one, or a scenario with a catalogued defect switched
/// on), and which runs count as findings (null: any bug; a defect may be stricter).
/// A litmus sample's bug may exist only under the weak-memory mode (<see cref="WeakMemoryBug"/>).
/// </summary>
internal sealed record CheckTarget(
    string Name,
    string Description,
    bool ExpectsBug,
    Func<TestProgram> CreateProgram,
    Func<IReadOnlyList<Bug>, bool>? FindingFilter = null,
    bool WeakMemoryBug = false,
    Models.Scenarios.ExpectedOutcome? Expected = null)
{
    /// <summary>
    /// Whether <paramref name="bug"/> is what this target expects: any bug when a bug is expected
    /// and no kind is named (a broken sample, a defect), else the scenario's expected kind.
    /// </summary>
    public bool IsExpected(Bug bug) => ExpectsBug && (Expected?.Matches(bug) ?? true);

    /// <summary>Whether a bug is expected under <paramref name="model"/>: a weak-memory litmus sample expects one only under lkmm.</summary>
    public bool ExpectsBugUnder(MemoryModel model) => ExpectsBug || (WeakMemoryBug && model == MemoryModel.Lkmm);
}
