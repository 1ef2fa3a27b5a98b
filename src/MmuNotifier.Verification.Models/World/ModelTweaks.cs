// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.World;

/// <summary>
/// Deliberate breakages of the models, each changing one line of one model, used by the tests to
/// show that every invariant can fire. The faithful models use <see cref="None"/>. Not reachable
/// from scenario files. Misuses worth finding from the CLI are catalogued driver defects instead
/// (Defects/DriverDefects); what stays here only serves the invariant-firing tests.
/// </summary>
public sealed record ModelTweaks
{
    public static ModelTweaks None { get; } = new();

    /// <summary>The mirror's invalidate forgets mmu_interval_set_seq.</summary>
    public bool MirrorSkipsSetSeq { get; init; }

    /// <summary>The mirror's invalidate stores an even sequence.</summary>
    public bool MirrorSetsEvenSeq { get; init; }

    /// <summary>The mirror's invalidate does not zap its device page table.</summary>
    public bool MirrorSkipsZap { get; init; }

    /// <summary>The mirror's remove only forgets the subscription instead of calling mmu_interval_notifier_remove.</summary>
    public bool MirrorFakeRemove { get; init; }

    /// <summary>The mirror's remove unlinks the node from the tree itself, ignoring a running invalidation.</summary>
    public bool MirrorRemoveBypassesDefer { get; init; }

    /// <summary>The mirror's remove queues its node on the deferred list although no invalidation runs.</summary>
    public bool MirrorRemoveAlwaysDefers { get; init; }

    /// <summary>The mirror turns a zero-length insert into a one-byte one.</summary>
    public bool MirrorRoundsUpLength { get; init; }

    /// <summary>The KVM user bumps its sequence in start instead of end.</summary>
    public bool KvmBumpsSeqAtStart { get; init; }

    /// <summary>After registering, the KVM user drops its mm_count pin and then one more it never took.</summary>
    public bool KvmDropsForeignMmCount { get; init; }

    /// <summary>After registering, the KVM user's ops gain arch_invalidate_secondary_tlbs too (evading register's check).</summary>
    public bool KvmSwapsToBothOps { get; init; }

    /// <summary>The KVM user's unregister calls ->release even when exit_mmap already unhashed it.</summary>
    public bool UnregisterIgnoresUnhashed { get; init; }

    /// <summary>The core MM calls invalidate_range_end twice.</summary>
    public bool CoreCallsEndTwice { get; init; }

    /// <summary>The secondary-TLB user takes a mutex in arch_invalidate_secondary_tlbs.</summary>
    public bool TlbUserSleeps { get; init; }

    /// <summary>The secondary-TLB user's arch_invalidate_secondary_tlbs does nothing.</summary>
    public bool TlbUserSkipsFlush { get; init; }

    /// <summary>The secondary-TLB user's release neither zaps nor stops faults.</summary>
    public bool TlbUserIgnoresRelease { get; init; }

    /// <summary>The get/put user's alloc_notifier leaks its private data when the second allocation fails.</summary>
    public bool GetPutLeaksOnEnomem { get; init; }

    /// <summary>The get/put user pins the mm with an mmgrab it never drops.</summary>
    public bool GetPutLeaksMmCount { get; init; }

    /// <summary>The core MM changes PTEs without invalidate_range_start/end.</summary>
    public bool CoreSkipsStartEnd { get; init; }

    /// <summary>The core MM forgets invalidate_range_end.</summary>
    public bool CoreSkipsEnd { get; init; }
}
