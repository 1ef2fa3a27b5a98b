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
    private readonly Dictionary<(string File, int Line), LockClass> _bySite = new(SiteComparer.Instance);

    public int Count => _bySite.Count;

    public LockClass For(string file, int line, string instanceName)
    {
        if (_bySite.TryGetValue((file, line), out var known)) return known;
        var created = new LockClass(_bySite.Count, $"{Path.GetFileName(file)}:{line}", instanceName);
        _bySite.Add((file, line), created);
        return created;
    }

    /// <summary>
    /// Sites compared by line first and hashed by line only: a world asks for the classes of its
    /// locks in every schedule, and hashing the caller's whole file path each time was a visible
    /// part of building a short scenario's world. The path is a literal of the calling assembly,
    /// so it is nearly always the same string object, compared by reference before by text.
    /// </summary>
    private sealed class SiteComparer : IEqualityComparer<(string File, int Line)>
    {
        public static readonly SiteComparer Instance = new();

        public bool Equals((string File, int Line) x, (string File, int Line) y) =>
            x.Line == y.Line && (ReferenceEquals(x.File, y.File) || string.Equals(x.File, y.File, StringComparison.Ordinal));

        public int GetHashCode((string File, int Line) site) => site.Line;
    }
}
