// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Runtime;

internal sealed partial class ControlledRuntime
{
    /// <summary>The primitives of earlier runs, renewed by their factories (<c>Recycle</c>).</summary>
    private readonly CreationOrderPool<ControlledPrimitive> _primitivePool = new();

    /// <summary>The KCSAN shadows of plain and lock-guarded fields made by earlier runs (<see cref="NewShadow"/>).</summary>
    private readonly CreationOrderPool<HappensBefore.AccessShadow> _shadowPool = new();

    /// <summary>Whether this run renews the primitives of earlier runs (see <see cref="RecyclesUnder"/>).</summary>
    private bool _recycling;

    /// <summary>How many factory calls renewed an earlier run's primitive (tests).</summary>
    internal long RecycledPrimitives { get; private set; }

    /// <summary>Keeping primitives from run to run (on by default; tests compare runs with it and without).</summary>
    internal bool RecyclesPrimitives { get; set; } = true;

    /// <summary>
    /// Whether runs under <paramref name="strategy"/> renew primitives: not for a reducing
    /// strategy, which keeps what it learnt of a run's steps into later runs. Set for each run
    /// and cleared when it ends, so an object made outside a run (a test's) is never handed out again.
    /// </summary>
    private bool RecyclesUnder(Strategies.IStrategy strategy) => RecyclesPrimitives && strategy is not Strategies.IStepObserver;

    /// <summary>The primitive of type <typeparamref name="T"/> that the previous run made at this place, to renew; or null.</summary>
    private T? Reusable<T>() where T : ControlledPrimitive
    {
        if (!_recycling) return null;
        var reusable = _primitivePool.Take<T>();
        if (reusable is not null) RecycledPrimitives++;
        return reusable;
    }

    /// <summary>A new primitive, kept at the place <see cref="Reusable{T}"/> just looked at for the next run.</summary>
    private T Kept<T>(T made) where T : ControlledPrimitive => _recycling ? _primitivePool.Keep(made) : made;

    /// <summary>A new run takes its primitives and shadows from the first place again.</summary>
    private void BeginRecyclingRun()
    {
        _primitivePool.BeginRun();
        _shadowPool.BeginRun();
    }
}
