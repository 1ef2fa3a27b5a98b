// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// Objects of earlier runs by creation order. A world builds the same locks, cells, allocations
/// and guarded fields in the same order in every schedule, so the k-th object a run asks for is
/// the k-th of the previous run, to be renewed, when it is of the type asked for; otherwise a new
/// one takes that place.
/// </summary>
internal sealed class CreationOrderPool<TBase> where TBase : class
{
    private readonly List<TBase> _kept = [];
    private int _taken;

    /// <summary>A new run asks from the first place again.</summary>
    public void BeginRun() => _taken = 0;

    /// <summary>The object at the next place, when it is a <typeparamref name="T"/>; the place is used up either way.</summary>
    public T? Take<T>() where T : class, TBase
    {
        var place = _taken++;
        return place < _kept.Count ? _kept[place] as T : null;
    }

    /// <summary>A new object for the place <see cref="Take{T}"/> just found empty or of another type.</summary>
    public T Keep<T>(T made) where T : TBase
    {
        var place = _taken - 1;
        if (place < _kept.Count) _kept[place] = made;
        else _kept.Add(made);
        return made;
    }
}
