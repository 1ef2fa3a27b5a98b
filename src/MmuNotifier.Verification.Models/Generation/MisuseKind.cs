// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// The ways `fuzz --misuse` breaks the notifier API's contract, each expressed with the scenario
/// operations as they are: the same subscription subscribed or unsubscribed twice, or a new
/// subscription made on an mm whose last user is gone (the process exited first). A misuse the
/// operations cannot say (a driver calling through a pointer it gave up) switches on the
/// catalogued driver defect that does it (<see cref="MisuseKinds.DriverDefect"/>).
/// </summary>
public enum MisuseKind
{
    /// <summary>mmu_interval_notifier_insert twice of one interval subscription.</summary>
    DoubleInsert,

    /// <summary>mmu_notifier_register twice of one hlist subscription.</summary>
    DoubleRegister,

    /// <summary>mmu_interval_notifier_remove twice: the second call passes the struct the driver freed after the first.</summary>
    DoubleRemove,

    /// <summary>mmu_notifier_unregister twice: the second call passes the struct the driver freed after the first.</summary>
    DoubleUnregister,

    /// <summary>mmu_interval_notifier_insert on an mm without mm_users (after the last mmput).</summary>
    InsertAfterExit,

    /// <summary>mmu_notifier_register on an mm being torn down (after the last mmput).</summary>
    RegisterAfterExit,

    /// <summary>mmu_notifier_put of a subscription the caller has already put (driver defect get-put-puts-twice).</summary>
    PutTwice,

    /// <summary>The mirror faults through its subscription after removing and freeing it (driver defect mirror-fault-no-reference).</summary>
    OpsAfterFree,
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
        MisuseKind.PutTwice => "put-twice",
        MisuseKind.OpsAfterFree => "ops-after-free",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The driver defect a kind's scenario runs with, or null when its operations say it all.</summary>
    public static string? DriverDefect(this MisuseKind kind) => kind switch
    {
        MisuseKind.PutTwice => Defects.DriverDefects.GetPutPutsTwice,
        MisuseKind.OpsAfterFree => Defects.DriverDefects.MirrorFaultNoReference,
        _ => null,
    };
}
