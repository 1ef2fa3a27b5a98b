// SPDX-License-Identifier: GPL-2.0-only
using System.Reflection;

namespace MmuNotifier.Verification.Kernel.Defects;

/// <summary>
/// Which variant of mm/mmu_notifier.c one kernel instance runs: one plain bool per port defect,
/// resolved once from the configured names so that the port's hot paths test a field, never a
/// string. Each field is named after its <see cref="PortDefects"/> constant in PascalCase, and
/// that is how a name finds its field (the fields are the only list here; a test holds them and
/// the constants in step). Each field is tested at exactly one place of the port, in the kernel
/// function the defect registry names for it.
/// </summary>
public sealed class PortVariant
{
    /// <summary>Each field under the defect name it stands for: PascalCase back to kebab-case.</summary>
    private static readonly (string Name, FieldInfo Field)[] FieldsByName =
        typeof(PortVariant).GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Select(f => (KebabCase(f.Name), f)).ToArray();

    /// <summary>The faithful port: every field false.</summary>
    public static PortVariant Faithful { get; } = new(new HashSet<string>());

    public readonly bool V1ReleaseWarnInverted;
    public readonly bool V1DoubleItreeRelease;
    public readonly bool RfcRegisterNullOps;
    public readonly bool ReviewBlockableBackoff;
    public readonly bool V1SeqWriteOutsideUserLock;
    public readonly bool NoOddSeqOnStart;
    public readonly bool InvEndNoWakeup;
    public readonly bool InvEndDeferredEarly;
    public readonly bool InsertExcludedNoOdd;
    public readonly bool InsertIdleEvenSeq;
    public readonly bool ReadBeginUnlocked;
    public readonly bool RemoveNoDefer;
    public readonly bool RemoveNoWait;
    public readonly bool NonblockFailNoInvEnd;
    public readonly bool UnregisterNoSynchronize;
    public readonly bool PutFreesImmediately;
    public readonly bool HlistStartFailNoEnd;
    public readonly bool InitialSeqOdd;

    /// <param name="defects">The switched-on names; names of other defects (driver misuse) are ignored.</param>
    public PortVariant(IReadOnlySet<string> defects)
    {
        if (defects.Count == 0) return;
        foreach (var (name, field) in FieldsByName)
            if (defects.Contains(name)) field.SetValue(this, true);
    }

    /// <summary>"NoOddSeqOnStart" -> "no-odd-seq-on-start"; digits stay with the word before them ("V1" -> "v1").</summary>
    private static string KebabCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(c) : c.ToString()));
}
