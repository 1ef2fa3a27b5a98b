// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Runtime;

internal sealed partial class ControlledRuntime
{
    /// <summary>
    /// Bound on the names kept: a world names the same few dozen things in every schedule, but a
    /// model that put a counter into its names would otherwise grow the table without end.
    /// Past it, names are made as new strings again.
    /// </summary>
    internal const int MaxKeptNames = 4096;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    // The same table searched by a name's text, without making a string of it (set up with the table).
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _namesByText;

    /// <summary>How many distinct names this runtime keeps (tests).</summary>
    internal int KeptNames => _names.Count;

    /// <summary>
    /// The string this runtime made earlier for the text of <paramref name="name"/>, or a new one
    /// kept for next time. The names live as long as the runtime (an exploration worker), so
    /// a world built in every schedule allocates no names after the first.
    /// </summary>
    public string Intern(PrimitiveName name)
    {
        if (name.AsString is { } given) return given;
        var text = name.Text;
        if (_namesByText.TryGetValue(text, out var kept)) return kept;
        var made = new string(text);
        if (_names.Count < MaxKeptNames) _names.Add(made, made);
        return made;
    }

    /// <summary>
    /// A field's place in the source and the name of the lock that guards it: the caller's file
    /// path (a literal, one string for every call from that file) and the lock's interned name
    /// are compared by reference, so finding the field's name again costs no formatting or hashing of text.
    /// </summary>
    private readonly record struct GuardedFieldSite(string File, int Line, string Guard)
    {
        public bool Equals(GuardedFieldSite other) =>
            ReferenceEquals(File, other.File) && Line == other.Line && ReferenceEquals(Guard, other.Guard);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(File), Line, RuntimeHelpers.GetHashCode(Guard));
    }

    private readonly Dictionary<GuardedFieldSite, string> _guardedFieldNames = [];

    /// <summary>
    /// The KCSAN name of the field declared at <paramref name="file"/>:<paramref name="line"/>
    /// and guarded by <paramref name="guard"/>, made once per site and lock name. A world makes
    /// its guarded fields anew every schedule, so this runs once per field per schedule.
    /// </summary>
    internal string GuardedFieldName(string file, int line, string guard)
    {
        var site = new GuardedFieldSite(file, line, guard);
        if (_guardedFieldNames.TryGetValue(site, out var kept)) return kept;
        var name = Intern($"field at {Path.GetFileName(file.AsSpan())}:{line} guarded by {guard}");
        if (_guardedFieldNames.Count < MaxKeptNames) _guardedFieldNames.Add(site, name);
        return name;
    }
}
