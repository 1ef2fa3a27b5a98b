// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Samples;
using MmuNotifier.Verification.Cli.Output;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Listing;

/// <summary>`list samples`: the engine's sample programs that `test` explores.</summary>
internal sealed class SampleListing : IListing
{
    public string Name => "samples";

    public string Description => "The engine's sample programs (explored by 'test')";

    public void Print(CliContext context)
    {
        var table = TableWriter.New(context);
        table.AddColumn("sample");
        table.AddColumn("bug");
        table.AddColumn("description");
        foreach (var sample in SampleCatalog.All)
            table.AddRow(new Text(sample.Name), new Text(sample.HasBug ? "expected" : "none"), new Text(sample.Description));
        TableWriter.Write(context, table);
    }
}
