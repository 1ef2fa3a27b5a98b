// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Bench.Kill;

/// <summary>
/// One defect, the program it should show in, and what counts as finding it (for most defects
/// any bug; for some only the invariant they break, not a WARN the faithful port also gives).
/// <paramref name="MustBeFound"/> is false for a defect whose verdict is "no bug": it is run and
/// shown, but not counted.
/// </summary>
internal sealed record KillTarget(string Defect, string Program, Func<TestProgram> CreateProgram, Func<IReadOnlyList<Bug>, bool> IsFinding,
    bool MustBeFound = true)
{
    public static bool AnyBug(IReadOnlyList<Bug> bugs) => bugs.Any(b => b.IsBug);
}
