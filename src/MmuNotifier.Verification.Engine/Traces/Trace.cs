// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// A replayable record of one run: what was explored, with which strategy and seed, the
/// decisions taken and the bug it ended with. Serialized by <see cref="TraceFile"/>; the format
/// is specified in docs/trace-format.md.
/// </summary>
public sealed record Trace
{
    /// <summary>Bumped whenever the JSON layout changes incompatibly.</summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The engine (and model) version that produced the trace; replay refuses others.</summary>
    public string EngineVersion { get; init; } = EngineInfo.Version;

    /// <summary>What was explored: a scenario or a sample program.</summary>
    public required TraceSubject Subject { get; init; }

    /// <summary>Defect variants that were switched on (empty for the faithful port).</summary>
    public IReadOnlyList<string> Defects { get; init; } = [];

    public required string Strategy { get; init; }

    public ulong Seed { get; init; }

    public long Iteration { get; init; }

    public int MaxSteps { get; init; }

    /// <summary>The memory model the run explored under; written only when it is not sc, so sc traces keep their bytes.</summary>
    public Abstractions.MemoryModel MemoryModel { get; init; }

    public required IReadOnlyList<Decision> Decisions { get; init; }

    /// <summary>The run had spawn as a scheduling point (a child's start is a decision of its own).</summary>
    public bool SpawnPoint { get; init; }

    /// <summary>The run judged liveness as under a fair strategy, with this threshold; null otherwise.</summary>
    public int? LivenessThreshold { get; init; }

    /// <summary>The bug the run ended with, or null for a clean run.</summary>
    public Bug? Bug { get; init; }
}

/// <summary>Names the program a trace belongs to, with a content hash when it comes from a file.</summary>
public sealed record TraceSubject(string Kind, string Name, string? ContentHash = null, string? Path = null);
