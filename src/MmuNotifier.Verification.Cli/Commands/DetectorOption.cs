// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>`--no-detector NAME` (repeatable), as `test` and `bench scenarios` take it.</summary>
internal static class DetectorOption
{
    public static Option<string[]> Create() => new Option<string[]>("--no-detector")
    {
        Description = "Switch off a kernel-debug detector (repeatable; see docs/detectors.md)",
    }.AcceptOnlyFromAmong([.. DetectorNames.All.Select(d => d.Name)]);

    /// <summary>The default detectors without the ones named.</summary>
    public static Detectors Read(string[]? off) => (off ?? []).Aggregate(Detectors.Default, (on, name) => on & ~DetectorNames.Parse(name));
}
