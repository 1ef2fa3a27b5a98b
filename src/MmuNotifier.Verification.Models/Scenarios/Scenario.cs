// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Scenarios;

/// <summary>A parsed, validated scenario file (format: docs/scenario-format.md).</summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Pages of the address space; page i is at Pages.Base + i * PAGE_SIZE.</summary>
    public int Pages { get; init; } = 4;

    public IReadOnlyList<SubscriptionSpec> Subscriptions { get; init; } = [];

    public IReadOnlyList<ThreadSpec> Threads { get; init; } = [];

    public FaultInjection Faults { get; init; } = new();

    /// <summary>What exploring it should find; null means "no bug".</summary>
    public ExpectedOutcome? Expect { get; init; }

    /// <summary>The file it came from, or null for a scenario built in code.</summary>
    public string? Path { get; init; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex; empty for a scenario built in code.</summary>
    public string ContentHash { get; init; } = "";

    /// <summary>The line of its "name" field in <see cref="Path"/> (1 for a scenario built in code).</summary>
    public long NameLine { get; init; } = 1;

    /// <summary>An error about the scenario's name, at the place the file gives it.</summary>
    public Engine.Json.JsonFormatException NameError(string expected) => new(Path ?? Name, NameLine, 1, "$.name", expected);
}

/// <summary>
/// The names of the built-in user models, as scenario files spell them. A subscription names its
/// model by any name registered in <see cref="Drivers.UserModels"/>; these are the ones the
/// Models assembly registers itself.
/// </summary>
public static class UserKind
{
    /// <summary>An interval notifier with read_begin/read_retry faults.</summary>
    public const string HmmMirror = "hmm-mirror";
    /// <summary>An hlist user with start/end, in-progress count and sequence.</summary>
    public const string Kvm = "kvm";
    /// <summary>An hlist user with only arch_invalidate_secondary_tlbs.</summary>
    public const string SecondaryTlb = "secondary-tlb";
    /// <summary>An hlist user managed with mmu_notifier_get/put.</summary>
    public const string GetPut = "get-put";
    /// <summary>An hlist user with only invalidate_range_start, which fails non-blockable ranges.</summary>
    public const string StartOnly = "start-only";
    /// <summary>An HMM-style mirror that inserts with mmu_interval_notifier_insert_locked under mmap_lock.</summary>
    public const string LockedInsertMirror = "hmm-mirror-locked";
}

/// <summary>
/// One notifier user: its model (a name registered in <see cref="Drivers.UserModels"/>), its
/// pages (interval users) and whether setup subscribes it.
/// <paramref name="FailsBlockable"/> makes a mirror a broken driver whose invalidate does its
/// work and then returns false even on a blockable range (the port WARNs about it).
/// </summary>
public sealed record SubscriptionSpec(string Name, string User, int FirstPage, int PageCount, bool AtSetup,
    bool FailsBlockable = false);

public sealed record ThreadSpec(string Name, IReadOnlyList<OpSpec> Ops);

public enum OpKind
{
    Unmap,
    Zap,
    Migrate,
    Protect,
    OomReap,
    Age,
    KsmMerge,
    Exit,
    Fault,
    Insert,
    Remove,
    Register,
    Unregister,
    Get,
    Put,
    Synchronize,
}

/// <summary>
/// One operation of a thread. Core-MM operations use <see cref="Page"/>/<see cref="PageCount"/>;
/// user operations name their subscription. <see cref="Start"/>/<see cref="Length"/> override an
/// insert's range in bytes (for bad-input scenarios); <see cref="Expect"/> is the return value
/// the checker requires (0 or a negative errno).
/// </summary>
public sealed record OpSpec(OpKind Kind, string? Sub = null, int Page = 0, int PageCount = 1, ulong? Start = null,
    ulong? Length = null, int? Expect = null);

/// <summary>Fault-injection switches: each failure becomes a controlled choice the explorer takes both ways.</summary>
public sealed record FaultInjection(bool Allocation = false, bool TakeAllLocks = false, bool Trylock = false);

/// <summary>The expected result of exploring: a bug kind (BugKind name) and optionally the invariant.</summary>
public sealed record ExpectedOutcome(string Kind, string? Invariant = null)
{
    /// <summary>Whether <paramref name="bug"/> is the bug expected: its kind, and its invariant when one is named.</summary>
    public bool Matches(Engine.Checking.Bug bug) => bug.Kind.ToString() == Kind && (Invariant is null || Invariant == bug.Invariant);

    public override string ToString() => Invariant is null ? Kind : $"{Kind} [{Invariant}]";
}
