// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>`--memory-model sc|lkmm`, shared by test, verify and fuzz (docs/detectors.md, "Weak memory (lkmm)").</summary>
internal static class MemoryModelOption
{
    public static Option<string> Create() => new Option<string>("--memory-model")
    {
        Description = "Memory model: sc (every load reads the latest store) or lkmm (a marked load may read an older store that the kernel's memory model allows)",
        DefaultValueFactory = _ => MemoryModel.Sc.Name(),
    }.AcceptOnlyFromAmong([.. MemoryModelNames.All]);

    public static MemoryModel Read(ParseResult parse, Option<string> option) =>
        MemoryModelNames.Parse(parse.GetValue(option)!) ?? throw new UsageException($"--memory-model: expected one of {string.Join(", ", MemoryModelNames.All)}");
}
