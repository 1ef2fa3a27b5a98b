// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Models.Defects;

namespace MmuNotifier.Verification.Models.Tests.Defects;

/// <summary>The catalogue itself: complete, unique, and pointing at scenarios that exist.</summary>
public sealed class DefectCatalogueTests
{
    [Fact]
    public void EveryPortDefectAndDriverDefectIsCatalogued()
    {
        var names = DefectCatalogue.Names.ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var port in PortDefects.All) Assert.Contains(port.Name, names);
        var driver = typeof(DriverDefects).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(6, driver.Count);
        foreach (var name in driver)
            Assert.Equal(CatalogueOrigin.DriverMisuse, DefectCatalogue.Find(name)!.Origin);
        Assert.Equal(PortDefects.All.Count + driver.Count, names.Count);
    }

    [Fact]
    public void EveryEntryNamesScenariosThatExist()
    {
        foreach (var entry in DefectCatalogue.All)
        {
            Assert.NotEmpty(entry.Scenarios);
            foreach (var scenario in entry.Scenarios)
                Assert.True(Models.Catalog.Find(scenario) is not null, $"{entry.Name}: no scenario '{scenario}' in models/");
        }
    }

    [Fact]
    public void OnlyTheV1SequenceVerdictIsNotABug()
    {
        var notBugs = DefectCatalogue.All.Where(e => !e.MustBeFound).Select(e => e.Name);
        Assert.Equal([PortDefects.V1SeqWriteOutsideUserLock], notBugs);
        Assert.Equal("none (not a bug under SC)", DefectCatalogue.Find(PortDefects.V1SeqWriteOutsideUserLock)!.ExpectedText);
    }

    [Fact]
    public void OnlyTheReviewBackoffNeedsACoreStateInvariant()
    {
        var restricted = DefectCatalogue.All.Where(e => e.Rule != FindingRule.AnyBug).Select(e => e.Name);
        Assert.Equal([PortDefects.ReviewBlockableBackoff], restricted);
    }

    [Fact]
    public void UnknownNamesAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => DefectCatalogue.Config(["no-such-defect"]));
        Assert.Contains("unknown defect 'no-such-defect'", error.Message);
        Assert.Contains(DriverDefects.MirrorSkipsReadRetry, error.Message);
    }

    [Fact]
    public void ProgramsRecordTheirDefectsForTraces()
    {
        var program = Scenarios.ScenarioProgram.Build(Models.Get("fault-vs-zap"),
            [DriverDefects.MirrorSkipsReadRetry, PortDefects.InsertIdleEvenSeq]);
        Assert.Equal([PortDefects.InsertIdleEvenSeq, DriverDefects.MirrorSkipsReadRetry], program.Defects);
        Assert.Empty(Scenarios.ScenarioProgram.Build(Models.Get("fault-vs-zap")).Defects);
    }
}
