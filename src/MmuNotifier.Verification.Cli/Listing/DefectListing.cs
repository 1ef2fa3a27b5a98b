// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Models.Defects;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Listing;

/// <summary>`list defects`: the defect catalogue (port defects and driver misuse), as `test --defect` takes it.</summary>
internal sealed class DefectListing : IListing
{
    public string Name => "defects";

    public string Description => "The defect catalogue (switched on with 'test --defect NAME')";

    public void Print(CliContext context)
    {
        var table = TableWriter.New(context);
        // Names are what --defect takes: never wrap them.
        table.AddColumn(new TableColumn("defect").NoWrap());
        table.AddColumn("origin");
        table.AddColumn("expected finding");
        table.AddColumn("scenarios");
        table.AddColumn("description");
        foreach (var entry in DefectCatalogue.All)
        {
            table.AddRow(new Text(entry.Name), new Text(entry.OriginText), new Text(entry.ExpectedText),
                new Text(string.Join(", ", entry.Scenarios)), new Text(entry.Description));
        }

        TableWriter.Write(context, table);
    }
}
