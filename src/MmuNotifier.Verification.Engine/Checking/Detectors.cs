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
    /// What a run applies unless told otherwise: every detector. The faithful port's KCSAN
    /// findings, races the kernel itself has, are known races of the scenarios (docs/defects.md).
    /// </summary>
    Default = All,
}

/// <summary>The names of <see cref="Detectors"/> on the command line.</summary>
public static class DetectorNames
{
    public static readonly IReadOnlyList<(string Name, Detectors Flag)> All = [("lockdep", Detectors.Lockdep), ("kasan", Detectors.Kasan), ("kcsan", Detectors.Kcsan)];

    /// <summary>
    /// The detector whose check reported <paramref name="bug"/>, or <see cref="Detectors.None"/> for the
    /// engine's own checks (invariants, WARN/BUG, a schedule that deadlocked, sleeping in atomic).
    /// A use-after-free or double free is KASAN's (the engine's scheduling-point check is part of it).
    /// </summary>
    public static Detectors Reporter(Bug bug) => bug.Kind switch
    {
        BugKind.DataRace => Detectors.Kcsan,
        BugKind.Lockdep => Detectors.Lockdep,
        BugKind.Deadlock when Lockdep.IsGraphReport(bug.Message) => Detectors.Lockdep,
        BugKind.UseAfterFree or BugKind.DoubleFree => Detectors.Kasan,
        _ => Detectors.None,
    };

    /// <summary>The command-line name of one detector flag.</summary>
    public static string NameOf(Detectors flag) => All.First(d => d.Flag == flag).Name;

    public static Detectors Parse(string name) =>
        All.FirstOrDefault(d => d.Name == name) is { Name: not null } found
            ? found.Flag
            : throw new ArgumentException($"unknown detector '{name}' (known: {string.Join(", ", All.Select(d => d.Name))})");
}
