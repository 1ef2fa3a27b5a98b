// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Mm;

namespace MmuNotifier.Verification.Models.CoreMm;

/// <summary>
/// The PTEs of one mm and their page-table lock (one split PTL for the whole small space).
/// PTEs are written only under <see cref="Ptl"/> but read locklessly by fault paths (the way
/// hmm_range_fault and GUP read ptep_get), so every PTE is a cell.
/// </summary>
public sealed class PageTable
{
    public PageTable(IRuntime rt, MmStruct mm, int count)
    {
        Ptl = rt.NewSpinLock($"{mm.Name}.ptl");
        Ptes = new ICell<ulong>[count];
        for (var i = 0; i < count; i++)
            Ptes[i] = rt.NewCell($"pte[{i}]", Pages.MakePte((ulong)(i + 1), writable: true));
    }

    public ISpinLock Ptl { get; }

    public ICell<ulong>[] Ptes { get; }

    public int Count => Ptes.Length;
}
