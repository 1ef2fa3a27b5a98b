// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// A hot/cold liveness monitor (the idea of Coyote's liveness monitors, after P#): hot while a
/// progress obligation is pending, cold once it is met. Calling Hot or Cold is no scheduling
/// point; the runtime reads the temperature between steps.
/// </summary>
public interface ILivenessMonitor
{
    /// <summary>The property it watches, e.g. "read-begin-maps".</summary>
    string Property { get; }

    /// <summary>The pending obligation while hot ("mirrorA fault of page 1 since step 12"), null while cold.</summary>
    string? Obligation { get; }

    bool IsHot => Obligation is not null;

    /// <summary>An obligation starts (or is restated): the monitor is hot until <see cref="Cold"/>.</summary>
    void Hot(string obligation);

    /// <summary>The obligation is met.</summary>
    void Cold();
}

/// <summary>The monitor state itself; the controlled runtime adds the step it turned hot at.</summary>
public class LivenessMonitor(string property) : ILivenessMonitor
{
    public string Property { get; } = property;

    public string? Obligation { get; private set; }

    public virtual void Hot(string obligation) => Obligation = obligation;

    public virtual void Cold() => Obligation = null;
}
