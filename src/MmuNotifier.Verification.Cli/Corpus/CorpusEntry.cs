// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Corpus;

/// <summary>A defect's minimal reproducer, and where it was found; Report is null when no combination found it.</summary>
internal sealed record CorpusEntry(string Defect, string? Scenario, string? Strategy, ulong Seed, BugReport? Report, int Tries)
{
    public int? Steps => Report?.Bug.Step;
}
