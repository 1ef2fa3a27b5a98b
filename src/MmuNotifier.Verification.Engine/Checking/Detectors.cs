// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>
/// The kernel-debug-option oracles a controlled run applies on top of its own checks (see
/// docs/detectors.md). All are on by default; each can be switched off, e.g. to measure its cost.
/// </summary>
[Flags]
public enum Detectors
{
    None = 0,

    /// <summary>Lock classes and their dependency graph, lock maps, locks held at thread exit.</summary>
    Lockdep = 1,

    /// <summary>Every access to freed memory, also plain fields, reported with the step that freed it.</summary>
    Kasan = 2,

    /// <summary>Data races (KCSAN / LKMM): conflicting accesses, one plain, unordered by happens-before.</summary>
    Kcsan = 4,

    All = Lockdep | Kasan | Kcsan,

    /// <summary>
    /// What a run applies unless told otherwise. KCSAN is opt-in for now: the faithful port shows
    /// three races the kernel itself has (docs/detectors.md), which need the kernel's view settled first.
    /// </summary>
    Default = All,
}

/// <summary>The names of <see cref="Detectors"/> on the command line.</summary>
public static class DetectorNames
{
    public static readonly IReadOnlyList<(string Name, Detectors Flag)> All = [("lockdep", Detectors.Lockdep), ("kasan", Detectors.Kasan), ("kcsan", Detectors.Kcsan)];

    public static Detectors Parse(string name) =>
        All.FirstOrDefault(d => d.Name == name) is { Name: not null } found
            ? found.Flag
            : throw new ArgumentException($"unknown detector '{name}' (known: {string.Join(", ", All.Select(d => d.Name))})");
}
