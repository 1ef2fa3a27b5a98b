// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Runtime;

internal sealed partial class ControlledRuntime
{
    private List<StepRecord>? _stepRecords;
    private List<string>? _notes;
    private List<string>? _pendingNotes;
    private FingerprintRecorder? _fingerprints;

    /// <summary>Record every step (slow; used to render a bug's interleaving on replay).</summary>
    public bool RecordSteps { get; set; }

    public bool IsTracing => _stepRecords is not null;

    public IReadOnlyList<StepRecord> StepRecords => _stepRecords ?? (IReadOnlyList<StepRecord>)[];

    /// <summary>When set, the next runs record a fingerprint of every scheduling point.</summary>
    public FingerprintRecorder? Fingerprints
    {
        get => _fingerprints;
        set => _fingerprints = value;
    }

    public void Annotate(string note)
    {
        if (_stepRecords is null) return;
        (_notes ??= _pendingNotes ??= []).Add(note);
    }

    private void ResetTracing()
    {
        _stepRecords = RecordSteps ? [] : null;
        _notes = null;
        _pendingNotes = null;
    }

    /// <summary>Step 0: what main did before its first scheduling point (setup, spawns), shown as its own line.</summary>
    private void RecordSetupStep()
    {
        var main = _threads[0];
        _stepRecords!.Add(new StepRecord(0, main.ThreadId, main.Name, AccessKind.Spawn, main.Name, null,
            _pendingNotes ?? (IReadOnlyList<string>)[]));
        _pendingNotes = null;
        _notes = null;
    }

    private List<string> BeginStepRecord(LogicalThread thread)
    {
        var notes = _pendingNotes ?? [];
        _pendingNotes = null;
        _notes = notes;
        return notes;
    }

    private void CompleteStepRecord(List<string> notes, LogicalThread thread, ControlledPrimitive target, bool done)
    {
        var detail = target.DescribeDetail(thread, thread.Kind);
        if (!done) detail = detail is null ? "(blocks)" : detail + " (blocks)";
        _stepRecords!.Add(new StepRecord(_step, thread.ThreadId, thread.Name, thread.Kind, target.Name, detail, notes,
            LockdepOn ? thread.LocksetText() : null, StepFunction.Of(thread.ContinuationState)));
    }
}
