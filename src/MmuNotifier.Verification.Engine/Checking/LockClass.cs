// SPDX-License-Identifier: GPL-2.0-only
// Kernel rule: lockdep groups locks into classes by the place that initialised them (a static key per init site).
namespace MmuNotifier.Verification.Engine.Checking;

/// <summary>
/// One lockdep class: every lock created at the same source line is one class, as every lock the
/// kernel initialises at one site shares one static key (all <c>sub[*].mutex</c> are one class).
/// <see cref="Key"/> is the same in every runtime; <see cref="Id"/> is dense within one runtime.
/// </summary>
internal sealed class LockClass(int id, string key, string name)
{
    public int Id { get; } = id;

    /// <summary>file:line of the creation site: the identity across workers and runs.</summary>
    public string Key { get; } = key;

    /// <summary>The first instance's name, to show the class by.</summary>
    public string Name { get; } = name;

    public override string ToString() => Name;
}

/// <summary>The classes of one runtime, interned by creation site (kept across the runs of an exploration).</summary>
internal sealed class LockClasses
{
    private readonly Dictionary<(string File, int Line), LockClass> _bySite = [];

    public int Count => _bySite.Count;

    public LockClass For(string file, int line, string instanceName)
    {
        if (_bySite.TryGetValue((file, line), out var known)) return known;
        var created = new LockClass(_bySite.Count, $"{Path.GetFileName(file)}:{line}", instanceName);
        _bySite.Add((file, line), created);
        return created;
    }
}
