// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// The ways `fuzz --misuse` breaks the notifier API's contract, each expressed with the scenario
/// operations as they are: the same subscription subscribed or unsubscribed twice, or a new
/// subscription made on an mm whose last user is gone (the process exited first).
/// </summary>
public enum MisuseKind
{
    /// <summary>mmu_interval_notifier_insert twice of one interval subscription.</summary>
    DoubleInsert,

    /// <summary>mmu_notifier_register twice of one hlist subscription.</summary>
    DoubleRegister,

    /// <summary>mmu_interval_notifier_remove twice.</summary>
    DoubleRemove,

    /// <summary>mmu_notifier_unregister twice.</summary>
    DoubleUnregister,

    /// <summary>mmu_interval_notifier_insert on an mm without mm_users (after the last mmput).</summary>
    InsertAfterExit,

    /// <summary>mmu_notifier_register on an mm being torn down (after the last mmput).</summary>
    RegisterAfterExit,
}

public static class MisuseKinds
{
    public static IReadOnlyList<MisuseKind> All { get; } = Enum.GetValues<MisuseKind>();

    /// <summary>The kebab-case name printed in the summary table.</summary>
    public static string Name(this MisuseKind kind) => kind switch
    {
        MisuseKind.DoubleInsert => "double-insert",
        MisuseKind.DoubleRegister => "double-register",
        MisuseKind.DoubleRemove => "double-remove",
        MisuseKind.DoubleUnregister => "double-unregister",
        MisuseKind.InsertAfterExit => "insert-after-exit",
        MisuseKind.RegisterAfterExit => "register-after-exit",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
