// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>The JSON property names of formatVersion 1 (docs/trace-format.md), shared by writer and reader.</summary>
internal static class TraceFields
{
    public const string FormatVersion = "formatVersion";
    public const string EngineVersion = "engineVersion";
    public const string Subject = "subject";
    public const string SubjectKind = "kind";
    public const string SubjectName = "name";
    public const string SubjectContentHash = "contentHash";
    public const string SubjectPath = "path";
    public const string Defects = "defects";
    public const string Strategy = "strategy";
    public const string Seed = "seed";
    public const string Iteration = "iteration";
    public const string MaxSteps = "maxSteps";
    public const string MemoryModel = "memoryModel";
    public const string Decisions = "decisions";
    public const string SpawnPoint = "spawnPoint";
    public const string LivenessThreshold = "livenessThreshold";
    public const string Bug = "bug";
    public const string BugKind = "kind";
    public const string BugMessage = "message";
    public const string BugStep = "step";
    public const string BugThread = "thread";
    public const string BugInvariant = "invariant";
    public const string BugComponent = "component";

    public static readonly string[] TopLevel =
        [FormatVersion, EngineVersion, Subject, Defects, Strategy, Seed, Iteration, MaxSteps, MemoryModel, Decisions, SpawnPoint, LivenessThreshold, Bug];

    public static readonly string[] SubjectFields = [SubjectKind, SubjectName, SubjectContentHash, SubjectPath];

    public static readonly string[] BugFields = [BugKind, BugMessage, BugStep, BugThread, BugInvariant, BugComponent];
}
