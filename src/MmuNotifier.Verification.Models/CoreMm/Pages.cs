// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.CoreMm;

/// <summary>
/// Page geometry of the modelled address space: page i lives at <see cref="Base"/> + i * PAGE_SIZE.
/// A PTE is 0 (none) or (pfn &lt;&lt; 1) | writable, so a write-protect changes the value a mirror
/// must follow just as a migration does.
/// </summary>
public static class Pages
{
    public const ulong PAGE_SIZE = 4096;

    /// <summary>Where page 0 lives; far from 0 so that a range starting at 0 is visibly unusual.</summary>
    public const ulong Base = 0x10_0000;

    public const ulong PteNone = 0;

    public static ulong Address(int page) => Base + (ulong)page * PAGE_SIZE;

    /// <summary>The pages of [start, end) that exist in an address space of <paramref name="count"/> pages.</summary>
    public static (int First, int Last) Span(ulong start, ulong end, int count)
    {
        if (end <= Base || start >= Address(count)) return (0, -1);
        var first = start <= Base ? 0 : (int)((start - Base) / PAGE_SIZE);
        var last = end >= Address(count) ? count - 1 : (int)((end - 1 - Base) / PAGE_SIZE);
        return (first, last);
    }

    public static ulong MakePte(ulong pfn, bool writable) => (pfn << 1) | (writable ? 1UL : 0UL);

    public static ulong Pfn(ulong pte) => pte >> 1;

    public static bool Writable(ulong pte) => (pte & 1) != 0;

    public static string Render(ulong pte) =>
        pte == PteNone ? "none" : $"pfn {Pfn(pte):x} {(Writable(pte) ? "rw" : "ro")}";
}
