// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.Defects;

/// <summary>
/// One catalogued defect of the port: a named variant that changes the faithful code at one
/// place, marked <c>if (Config.Has(PortDefects.X))</c> in <see cref="KernelFunction"/>.
/// </summary>
/// <param name="Name">The kebab-case name used by KernelConfig, scenario files and traces.</param>
/// <param name="Origin">Historical (with the seed it comes from), from review, or synthetic.</param>
/// <param name="Description">One line: what the variant does differently.</param>
/// <param name="Expected">What exploration should report; null when the verdict is that it is no bug.</param>
/// <param name="KernelFunction">The kernel function whose port holds the marked place.</param>
/// <param name="File">The C# file (relative to the Kernel project) holding that function.</param>
public sealed record DefectInfo(
    string Name,
    DefectOrigin Origin,
    string Description,
    ExpectedFinding? Expected,
    string KernelFunction,
    string File)
{
    public override string ToString() => Name;
}
