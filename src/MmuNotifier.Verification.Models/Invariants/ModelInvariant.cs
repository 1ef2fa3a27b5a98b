// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// One named invariant of design.md §5: it judges the model events it overrides and, if it
/// watches state between events, registers its monitor in <see cref="Attach"/>. A fresh instance
/// serves one world (one schedule).
/// <para>
/// A subclass names <see cref="IModelObserver"/> in its own base list too (<c>: ModelInvariant,
/// IModelObserver</c>): C# maps an interface's members to the class that lists it, so without it
/// the subclass's public event methods would not replace the interface's empty defaults.
/// </para>
/// </summary>
public abstract class ModelInvariant : IModelObserver
{
    /// <summary>The name bug reports carry (<see cref="InvariantNames"/>).</summary>
    public abstract string Name { get; }

    /// <summary>The world the invariant judges; set by <see cref="Attach"/>.</summary>
    protected ModelWorld World { get; private set; } = null!;

    /// <summary>Called once, after the kernel, the mm and the core MM exist and before any user is built.</summary>
    public void Attach(ModelWorld world)
    {
        World = world;
        Attached();
    }

    /// <summary>Register monitors here.</summary>
    protected virtual void Attached() { }

    /// <summary>Reports a violation of this invariant and stops the run.</summary>
    protected void Report(string message, Engine.Checking.BugComponent component = Engine.Checking.BugComponent.Core) =>
        World.Rt.ReportViolation(Name, message, component);
}
