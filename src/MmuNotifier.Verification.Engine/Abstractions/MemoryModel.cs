// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// Which stores a marked load may read (docs/detectors.md, "Weak memory (lkmm)").
/// </summary>
public enum MemoryModel : byte
{
    /// <summary>Sequential consistency: every load reads the latest store of its location.</summary>
    Sc,

    /// <summary>
    /// LKMM-style weak memory: a marked load may read any store of its location that coherence
    /// and happens-before allow, from a bounded per-location history; the choice is a decision.
    /// </summary>
    Lkmm,
}

/// <summary>The names of <see cref="MemoryModel"/> on the command line and in traces.</summary>
public static class MemoryModelNames
{
    public static readonly IReadOnlyList<string> All = ["sc", "lkmm"];

    public static string Name(this MemoryModel model) => model == MemoryModel.Lkmm ? "lkmm" : "sc";

    /// <summary>The model named <paramref name="name"/>, or null when it names none.</summary>
    public static MemoryModel? Parse(string name) => name switch
    {
        "sc" => MemoryModel.Sc,
        "lkmm" => MemoryModel.Lkmm,
        _ => null,
    };
}
