// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Runtime;

internal sealed partial class ControlledRuntime
{
    /// <summary>
    /// The primitives of earlier runs by creation order: a world builds the same locks, cells and
    /// allocations in the same order in every schedule, so the k-th factory call of a run gets
    /// the k-th object of the previous one, renewed (<c>Recycle</c>), instead of a new object,
    /// when it is of the type asked for; otherwise a new one takes that place.
    /// </summary>
    private readonly List<ControlledPrimitive> _primitivePool = [];

    /// <summary>Factory calls so far in this run: the place in <see cref="_primitivePool"/> of the next one.</summary>
    private int _primitivesMade;

    /// <summary>The shadows of plain fields made by earlier runs, by creation order (<see cref="NewShadow"/>).</summary>
    private readonly List<HappensBefore.AccessShadow> _shadowPool = [];

    /// <summary>Shadows of plain fields made so far in this run: the place in <see cref="_shadowPool"/> of the next one.</summary>
    private int _shadowsMade;

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
        var place = _primitivesMade++;
        if (place >= _primitivePool.Count || _primitivePool[place] is not T reusable) return null;
        RecycledPrimitives++;
        return reusable;
    }

    /// <summary>A new primitive, kept at the place <see cref="Reusable{T}"/> just looked at for the next run.</summary>
    private T Kept<T>(T made) where T : ControlledPrimitive
    {
        if (!_recycling) return made;
        var place = _primitivesMade - 1;
        if (place < _primitivePool.Count) _primitivePool[place] = made;
        else _primitivePool.Add(made);
        return made;
    }
}
