// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

/// <summary>What one real-thread run found. <paramref name="Abandoned"/>: some thread never unwound.</summary>
public sealed record RealRunResult(IReadOnlyList<Bug> Bugs, long Operations, TimeSpan Elapsed, bool Abandoned)
{
    public bool FoundBug => Bugs.Any(b => b.IsBug);
}
