// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel;

/// <summary>
/// How one model instance of the kernel behaves: which faults may be injected and which
/// catalogued defects replace the faithful code. The default is the faithful port with no faults.
/// </summary>
public sealed record KernelConfig
{
    public static KernelConfig Faithful { get; } = new();

    /// <summary>kzalloc may fail (a controlled choice per allocation), like failslab.</summary>
    public bool AllocationsMayFail { get; init; }

    /// <summary>mm_take_all_locks may fail with -EINTR (a signal arrives while it walks the VMAs).</summary>
    public bool TakeAllLocksMayFail { get; init; }

    /// <summary>
    /// Names of the defects switched on (port defects and the models' driver misuse alike). The
    /// port resolves its own once per kernel into <see cref="KernelInstance.Variant"/>.
    /// </summary>
    public IReadOnlySet<string> Defects { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool Has(string defect) => Defects.Contains(defect);

    public KernelConfig WithDefect(string defect)
    {
        var set = new HashSet<string>(Defects, StringComparer.Ordinal) { defect };
        return this with { Defects = set };
    }
}
