// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Scenarios;

/// <summary>The file-format spelling of every operation (docs/scenario-format.md), written once for reading and writing.</summary>
public static class OpNames
{
    private static readonly (OpKind Kind, string Name)[] Table =
    [
        (OpKind.Unmap, "unmap"),
        (OpKind.Zap, "zap"),
        (OpKind.Migrate, "migrate"),
        (OpKind.Protect, "protect"),
        (OpKind.OomReap, "oom-reap"),
        (OpKind.Age, "age"),
        (OpKind.KsmMerge, "ksm-merge"),
        (OpKind.Exit, "exit"),
        (OpKind.Fault, "fault"),
        (OpKind.Insert, "insert"),
        (OpKind.Remove, "remove"),
        (OpKind.Register, "register"),
        (OpKind.Unregister, "unregister"),
        (OpKind.Get, "get"),
        (OpKind.Put, "put"),
        (OpKind.Synchronize, "synchronize"),
    ];

    /// <summary>Every spelling, in the order error messages list them.</summary>
    public static IEnumerable<string> All => Table.Select(e => e.Name);

    /// <summary>Operations of a notifier user: they name a subscription ("sub").</summary>
    public static bool TakesSubscription(OpKind op) => op is OpKind.Fault or OpKind.Insert or OpKind.Remove or OpKind.Register
        or OpKind.Unregister or OpKind.Get or OpKind.Put or OpKind.Synchronize;

    /// <summary>Operations over a run of pages ("pages"); a KSM merge and a fault touch one page.</summary>
    public static bool TakesPageCount(OpKind op) => op is OpKind.Unmap or OpKind.Zap or OpKind.Migrate or OpKind.Protect
        or OpKind.OomReap or OpKind.Age;

    /// <summary>Operations on a page ("page"); exit unmaps them all, the subscribe operations have none.</summary>
    public static bool TakesPage(OpKind op) => TakesPageCount(op) || op is OpKind.KsmMerge or OpKind.Fault;

    /// <summary>The spellings of the operations <paramref name="takes"/> holds for, in table order (for error messages).</summary>
    public static IEnumerable<string> Matching(Func<OpKind, bool> takes) => Table.Where(e => takes(e.Kind)).Select(e => e.Name);

    public static string Of(OpKind kind) => Array.Find(Table, e => e.Kind == kind).Name;

    public static bool TryParse(string name, out OpKind kind)
    {
        var index = Array.FindIndex(Table, e => e.Name == name);
        kind = index < 0 ? default : Table[index].Kind;
        return index >= 0;
    }
}
