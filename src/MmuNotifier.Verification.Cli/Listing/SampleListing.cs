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
        // Samples that need an option (a fair strategy, --spawn-point) are not swept but can be named.
        context.Out.WriteLine("also by name (they need fair-random/fair-pct or --spawn-point, see docs/engine.md): " +
            string.Join(", ", SampleCatalog.OptionSamples.Select(s => s.Name)));
    }
}
