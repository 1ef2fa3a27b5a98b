// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Programs;

/// <summary>Something `test` can explore: a program plus whether a bug in it is expected (a deliberately broken sample, later a scenario with a defect switched on).</summary>
internal sealed record CheckTarget(string Name, string Description, bool ExpectsBug, Func<TestProgram> CreateProgram);
