// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Models.Invariants;

namespace MmuNotifier.Verification.Models.Defects;

/// <summary>
/// The one defect catalogue of the product: the port's defects (<see cref="PortDefects.All"/>,
/// with the scenarios that show them) and the drivers' misuses (<see cref="DriverDefects"/>).
/// docs/defects.md is its prose form; `mmu-verify list defects` prints it.
/// </summary>
public static class DefectCatalogue
{
    private const string Mirror = "MmuNotifier.Verification.Models/Drivers/HmmMirror.cs";
    private const string Kvm = "MmuNotifier.Verification.Models/Drivers/KvmUser.cs";

    /// <summary>Which scenarios of models/ show each port defect (first one is the one the tests use first).</summary>
    private static readonly Dictionary<string, string[]> PortScenarios = new(StringComparer.Ordinal)
    {
        [PortDefects.V1ReleaseWarnInverted] = ["exit-vs-fault-remove", "exit-mirror-and-kvm"],
        [PortDefects.V1DoubleItreeRelease] = ["exit-mirror-and-kvm"],
        [PortDefects.RfcRegisterNullOps] = ["fault-vs-unmap", "deferred-insert"],
        [PortDefects.ReviewBlockableBackoff] = ["blockable-failure"],
        [PortDefects.V1SeqWriteOutsideUserLock] = ["fault-vs-unmap"],
        [PortDefects.NoOddSeqOnStart] = ["fault-vs-unmap", "overlapping-mirrors"],
        [PortDefects.InvEndNoWakeup] = ["fault-vs-unmap"],
        [PortDefects.InvEndDeferredEarly] = ["insert-remove-vs-zaps"],
        [PortDefects.InsertExcludedNoOdd] = ["insert-remove-vs-zaps"],
        [PortDefects.InsertIdleEvenSeq] = ["fault-vs-unmap", "deferred-insert"],
        [PortDefects.ReadBeginUnlocked] = ["fault-vs-zap", "overlapping-mirrors"],
        [PortDefects.RemoveNoDefer] = ["deferred-remove", "insert-remove-vs-zaps"],
        [PortDefects.RemoveNoWait] = ["deferred-remove", "insert-remove-vs-zaps"],
        [PortDefects.NonblockFailNoInvEnd] = ["oom-reap-contended"],
        [PortDefects.UnregisterNoSynchronize] = ["register-unregister"],
        [PortDefects.PutFreesImmediately] = ["get-put"],
        [PortDefects.HlistStartFailNoEnd] = ["hlist-nonblock-fail"],
        [PortDefects.InitialSeqOdd] = ["fault-vs-unmap"],
    };

    private static readonly ExpectedFinding MissedInvalidation =
        new(BugKind.InvariantViolation, InvariantNames.NoMissedInvalidation, BugComponent.Core);

    private static readonly CatalogueEntry[] DriverEntries =
    [
        Driver(DriverDefects.MirrorSetSeqAfterUnlock, "HmmMirror.Invalidate", Mirror,
            "the mirror's invalidate calls mmu_interval_set_seq after dropping its mutex",
            MissedInvalidation, "fault-vs-zap", "overlapping-mirrors"),
        Driver(DriverDefects.MirrorSkipsReadRetry, "HmmMirror.Fault", Mirror,
            "the mirror installs the PTE it read without calling mmu_interval_read_retry",
            MissedInvalidation, "fault-vs-zap", "overlapping-mirrors", "oom-reap-partial-eagain"),
        Driver(DriverDefects.MirrorMapsBeforeLock, "HmmMirror.Fault", Mirror,
            "the mirror installs its mapping before taking the mutex that read_retry needs, and only undoes it on retry",
            MissedInvalidation, "fault-vs-zap", "overlapping-mirrors"),
        Driver(DriverDefects.MirrorSleepsInNonblockable, "HmmMirror.Invalidate", Mirror,
            "the mirror takes its mutex with mutex_lock in a non-blockable invalidation",
            new ExpectedFinding(BugKind.SleepInAtomic, null, BugComponent.Core), "oom-reap-contended"),
        Driver(DriverDefects.KvmChecksRetryBeforeLock, "KvmUser.Fault", Kvm,
            "the KVM-style user tests in-progress and sequence before taking mmu_lock",
            MissedInvalidation, "kvm-faults"),
        Driver(DriverDefects.RegisterBothTlbAndStartEnd, "KvmUser (its ops)", Kvm,
            "a subscriber registers with both arch_invalidate_secondary_tlbs and invalidate_range_start/end",
            new ExpectedFinding(BugKind.WarnOn, null, BugComponent.Warning), "kvm-faults", "register-unregister"),
    ];

    public static IReadOnlyList<CatalogueEntry> All { get; } = PortDefects.All.Select(Port).Concat(DriverEntries).ToList();

    public static IEnumerable<string> Names => All.Select(e => e.Name);

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public static CatalogueEntry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>
    /// The configuration that switches <paramref name="names"/> on (port and driver defects
    /// alike: the port ignores names it does not test). Unknown names are an error.
    /// </summary>
    public static KernelConfig Config(IEnumerable<string> names)
    {
        var config = KernelConfig.Faithful;
        foreach (var name in names)
        {
            if (Find(name) is null)
                throw new ArgumentException($"unknown defect '{name}'; expected one of: {string.Join(", ", Names)}", nameof(names));
            config = config.WithDefect(name);
        }

        return config;
    }

    private static CatalogueEntry Port(DefectInfo info)
    {
        var (origin, source) = info.Origin switch
        {
            DefectOrigin.Historical003 => (CatalogueOrigin.HistoricalSeed, "seed 003"),
            DefectOrigin.Historical001 => (CatalogueOrigin.HistoricalSeed, "seed 001"),
            DefectOrigin.Review003 => (CatalogueOrigin.Review, "seed 003"),
            _ => (CatalogueOrigin.Synthetic, "synthetic"),
        };
        // The faithful port WARNs about the broken driver of this defect's scenario, so only
        // the core state going wrong shows the defect itself.
        var rule = info.Name == PortDefects.ReviewBlockableBackoff ? FindingRule.CoreStateInvariant : FindingRule.AnyBug;
        return new CatalogueEntry(info.Name, origin, source, info.Description, info.Expected, info.KernelFunction,
            "MmuNotifier.Verification.Kernel/" + info.File, PortScenarios[info.Name], rule);
    }

    private static CatalogueEntry Driver(string name, string function, string file, string description,
        ExpectedFinding expected, params string[] scenarios) =>
        new(name, CatalogueOrigin.DriverMisuse, function.Split('.')[0].Split(' ')[0], description, expected, function, file, scenarios);
}
