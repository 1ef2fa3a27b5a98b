// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: after kfree nothing may touch the object; freeing it twice corrupts the allocator.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;

namespace MmuNotifier.Verification.Engine.Primitives;

internal sealed class ControlledLifetime(ControlledRuntime runtime, string name)
    : ControlledPrimitive(runtime, name, owner: null), ILifetime
{
    public bool IsFreed { get; private set; }

    private string? _freedBy;
    private int _freedAtStep;

    /// <summary>Where the kfree happened, for KASAN-style reports ("freed by ... at step N"); formatted only for a report.</summary>
    public string FreedAt => _freedBy is null ? "" : $"freed by {_freedBy} at step {_freedAtStep}";

    /// <summary>The data-race detector's shadows of the locations in this allocation (made on their first access).</summary>
    private List<HappensBefore.AccessShadow>? _shadows;

    internal IReadOnlyList<HappensBefore.AccessShadow> Shadows => _shadows ?? (IReadOnlyList<HappensBefore.AccessShadow>)[];

    /// <summary>A location of this allocation got its shadow: kfree writes it (KCSAN: kfree is a write to the whole object).</summary>
    internal void Owns(HappensBefore.AccessShadow shadow) => (_shadows ??= []).Add(shadow);

    /// <summary>This allocation as a new, live one of the next run (<see cref="ControlledRuntime.NewLifetime"/>).</summary>
    internal ControlledLifetime Recycle(string name)
    {
        Renew(name, owner: null);
        IsFreed = false;
        _freedBy = null;
        _freedAtStep = 0;
        _shadows?.Clear();
        return this;
    }

    public ValueTask Free() => Runtime.Begin(this, AccessKind.Free).AsValueTask();

    public void CheckAlive(string what)
    {
        Runtime.NoteTouch(this);
        if (IsFreed) Runtime.UseAfterFree($"{Runtime.CurrentThreadName}: {what} on {Name} after it was freed ({FreedAt})");
    }

    public override bool Execute(LogicalThread thread, AccessKind kind)
    {
        if (IsFreed)
        {
            Runtime.StopWith(BugKind.DoubleFree, $"{thread.Name}: kfree({Name}) of an object already freed");
            return true;
        }

        IsFreed = true;
        _freedBy = thread.Name;
        _freedAtStep = Runtime.Steps;
        return true;
    }
}
